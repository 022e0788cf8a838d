using EdgeToolkit.Graph;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>Batched model inputs (keyed by graph input name) for distillation, drawn by the tuner's rng.</summary>
internal interface IInputBatches
{
    Dictionary<string, Tensor> Draw(Random rng, int batch);
}

internal static class InputBatches
{
    public static IInputBatches For(ModelGraph graph, DistillationInputs inputs) =>
        inputs.Samples is { Count: > 0 } samples ? new SampleBatches(graph, samples) : new UniformBatches(graph);
}

/// <summary>Rows drawn from given samples (a data set's training split, a .pb folder), stacked once.</summary>
internal sealed class SampleBatches : IInputBatches
{
    private readonly Dictionary<string, Tensor> _stacked = new();
    private readonly long _count;

    public SampleBatches(ModelGraph graph, IReadOnlyList<IReadOnlyDictionary<string, EdgeToolkit.Graph.Tensor>> samples)
    {
        _count = samples.Count;
        foreach (var input in graph.Inputs)
        {
            var first = samples[0].TryGetValue(input.Name, out var t) ? t
                : throw new EdgeToolkitException(ErrorKind.BadInput, $"the distillation samples have no value for input '{input.Name}'", file: graph.SourcePath,
                    hint: $"every sample needs {string.Join(", ", graph.Inputs.Select(i => i.Name))}");
            if (first.Type != input.Type)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{input.Name}' is {input.Type.OnnxName()}, the samples give {first.Type.OnnxName()}", file: graph.SourcePath);
            var rows = samples.Select((s, i) => s.TryGetValue(input.Name, out var v) && v.Shape.SequenceEqual(first.Shape) ? v
                : throw new EdgeToolkitException(ErrorKind.BadInput, $"sample {i} of input '{input.Name}' is missing or not shaped like the first ({first})", file: graph.SourcePath));
            using var scope = NewDisposeScope();
            _stacked[input.Name] = stack(rows.Select(GraphBatches.ToTorch).ToArray()).DetachFromDisposeScope();
        }
    }

    public Dictionary<string, Tensor> Draw(Random rng, int batch)
    {
        var idx = GraphBatches.DrawIndices(rng, _count, batch);
        return _stacked.ToDictionary(kv => kv.Key, kv => kv.Value.index_select(0, idx));
    }
}

/// <summary>Uniform [-1, 1] values of each input's own shape: float inputs of concrete shape only.</summary>
internal sealed class UniformBatches : IInputBatches
{
    private readonly List<(string Name, long[] Shape)> _inputs = new();

    public UniformBatches(ModelGraph graph)
    {
        foreach (var input in graph.Inputs)
        {
            if (input.Type != DataType.Float32)
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"input '{input.Name}' is {input.Type.OnnxName()}: distillation draws random inputs for float32 inputs only", file: graph.SourcePath,
                    hint: "pass --calibration data (a data set name or a folder of .pb inputs) to distil on real inputs");
            if (!input.Shape.IsConcrete)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{input.Name}' has the symbolic shape {input.Shape}: random inputs need concrete dimensions",
                    file: graph.SourcePath, hint: $"pin it with --shape {input.Name}={PinExample(input.Shape)}, or pass --calibration data");
            _inputs.Add((input.Name, input.Shape.ToConcrete().Select(d => (long)d).ToArray()));
        }
    }

    public Dictionary<string, Tensor> Draw(Random rng, int batch)
    {
        var batches = new Dictionary<string, Tensor>();
        foreach (var (name, shape) in _inputs)
        {
            var values = new float[batch * shape.Aggregate(1L, (a, d) => a * d)];
            for (int i = 0; i < values.Length; i++) values[i] = 2 * rng.NextSingle() - 1;
            batches[name] = tensor(values, new[] { (long)batch }.Concat(shape).ToArray());
        }
        return batches;
    }

    private static string PinExample(SymShape shape) =>
        shape.HasRank ? string.Join("x", shape.Dims!.Select(d => d.IsKnown ? d.Value : 1)) : "1x...";
}
