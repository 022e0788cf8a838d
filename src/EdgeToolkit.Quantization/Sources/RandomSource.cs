using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Sources;

/// <summary>
/// `random:SEED`: seeded inputs (floats uniform in [-1, 1], integers in 0..9, symbolic dims 1),
/// as `verify` draws them. Enough to check that the pipeline runs; the ranges it yields say
/// nothing about real data, so accuracy is never judged on them.
/// </summary>
public sealed class RandomSource : ICalibrationSource
{
    public const string Prefix = "random:";
    private readonly int _seed;

    public RandomSource(int seed) { _seed = seed; }

    public static RandomSource Parse(string text) =>
        int.TryParse(text[Prefix.Length..], out var seed) ? new RandomSource(seed)
            : throw new EdgeToolkitException(ErrorKind.BadInput, $"--calibration {text}: the seed must be a whole number", hint: "e.g. --calibration random:1");

    public string Description => $"{Prefix}{_seed}";
    public bool IsRandom => true;

    public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count)
    {
        var rng = new Random(_seed);
        for (int s = 0; s < count; s++)
        {
            var sample = new Dictionary<string, Tensor>();
            foreach (var input in graph.Inputs) sample[input.Name] = Draw(input, rng);
            yield return sample;
        }
    }

    private static Tensor Draw(ValueInfo input, Random rng)
    {
        var shape = input.Shape.HasRank ? input.Shape.Dims!.Select(d => d.IsKnown ? (int)d.Value : 1).ToArray() : new[] { 1 };
        int n = (int)Tensor.ElementCountOf(shape);
        return input.Type switch
        {
            DataType.Float32 => Tensor.FromFloats(shape, Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()),
            DataType.Int64 => Tensor.FromInt64s(shape, Enumerable.Range(0, n).Select(_ => (long)rng.Next(0, 10)).ToArray()),
            DataType.Int32 => Tensor.FromInt32s(shape, Enumerable.Range(0, n).Select(_ => rng.Next(0, 10)).ToArray()),
            DataType.Bool => new Tensor(DataType.Bool, shape, Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray()),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"random calibration cannot draw {input.Type.OnnxName()} input '{input.Name}'",
                hint: "calibrate with a folder of TensorProto .pb inputs"),
        };
    }
}
