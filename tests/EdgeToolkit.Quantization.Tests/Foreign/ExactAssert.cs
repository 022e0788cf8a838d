using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>Every output of a reference present with the same type, shape and bits (floats compared as bit patterns).</summary>
public static class ExactAssert
{
    public static void Equal(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual, string what)
    {
        foreach (var (name, e) in expected)
        {
            Assert.True(actual.TryGetValue(name, out var a), $"{what}: no output '{name}'");
            Assert.True(e.Type == a!.Type, $"{what}, '{name}': {a.Type.OnnxName()}, expected {e.Type.OnnxName()}");
            Assert.True(e.Shape.SequenceEqual(a.Shape), $"{what}, '{name}': shape [{string.Join("x", a.Shape)}], expected [{string.Join("x", e.Shape)}]");
            for (int i = 0; i < e.Length; i++)
            {
                bool same = e.Type == DataType.Float32
                    ? BitConverter.SingleToInt32Bits(e.Floats[i]) == BitConverter.SingleToInt32Bits(a.Floats[i])
                    : e.GetInt64(i) == a.GetInt64(i);
                Assert.True(same, $"{what}, '{name}'[{i}]: {a.GetDouble(i):G9}, expected {e.GetDouble(i):G9}");
            }
        }
    }
}
