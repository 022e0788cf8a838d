using EdgeToolkit.Graph;

namespace EdgeToolkit.Tflite.Tests.Reference;

/// <summary>Seeded test inputs: floats uniform in [-1, 1], int8 over its whole range.</summary>
public static class Inputs
{
    public static Tensor For(ValueInfo input, int seed)
    {
        var rng = new Random(seed);
        var shape = input.Shape.ToConcrete();
        long n = Tensor.ElementCountOf(shape);
        return input.Type switch
        {
            DataType.Float32 => Tensor.FromFloats(shape, Enumerable.Range(0, (int)n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()),
            DataType.Int8 => new Tensor(DataType.Int8, shape, Enumerable.Range(0, (int)n).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray()),
            _ => throw new ArgumentException($"no test inputs of type {input.Type}"),
        };
    }
}
