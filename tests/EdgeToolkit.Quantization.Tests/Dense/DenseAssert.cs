using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>Comparisons the dense tests share.</summary>
public static class DenseAssert
{
    /// <summary>Every output of every case equals the reference evaluator's, bit for bit.</summary>
    public static void BitExact(ModelGraph g, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases, IReadOnlyList<Dictionary<string, Tensor>> outputs)
    {
        Assert.Equal(cases.Count, outputs.Count);
        for (int k = 0; k < cases.Count; k++)
            foreach (var (name, expected) in Evaluator.Run(g, cases[k]))
            {
                var actual = outputs[k][name];
                Assert.Equal(expected.Shape, actual.Shape);
                Assert.True(Bits(expected).SequenceEqual(Bits(actual)), $"case {k}, output '{name}': C [{string.Join(", ", Bits(actual).Take(8))}...] " +
                    $"!= reference [{string.Join(", ", Bits(expected).Take(8))}...]");
            }
    }

    /// <summary>Elements as raw bits (floats by their bit pattern), so -0.0 and NaN payloads count too.</summary>
    public static long[] Bits(Tensor t) => t.Type == DataType.Float32
        ? t.Floats.Select(v => (long)BitConverter.SingleToUInt32Bits(v)).ToArray()
        : Enumerable.Range(0, t.Length).Select(t.GetInt64).ToArray();
}
