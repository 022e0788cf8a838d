using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// The generated C of the dense integer kernels equals the reference evaluator bit for bit on
/// every target (KernelZoo: one build and run per target, all cases batched), including the
/// SMLAD kernels of Cortex-M4/M7/M33 with odd K and N. Two more runs compile code generated for
/// one core on the host: Cortex-M4 code runs its portable #else loops there, and Cortex-M0 code
/// its float-free QuantizeLinear, so every variant is checked against the same reference.
/// </summary>
public class DenseTargetTests
{
    private static readonly Lazy<(ModelGraph Graph, List<IReadOnlyDictionary<string, Tensor>> Cases)> Zoo = new(() =>
        (DenseRuns.Optimised(KernelZoo.Build()), KernelZoo.Inputs()));

    [Theory]
    [InlineData("host", null)]
    [InlineData("aarch64", null)]
    [InlineData("cortex-m0", null)]
    [InlineData("cortex-m3", null)]
    [InlineData("cortex-m4", null)]
    [InlineData("cortex-m7", null)]
    [InlineData("cortex-m33", null)]
    [InlineData("host", "cortex-m4")]
    [InlineData("host", "cortex-m0")]
    public void MatchesTheReferenceBitForBit(string target, string? codeFor)
    {
        var (graph, cases) = Zoo.Value;
        var result = DenseRuns.Run(graph, target, cases, codeFor);
        DenseAssert.BitExact(graph, cases, result.Outputs);
    }

    [Fact]
    public void TheZooReachesEveryKernelVariant()
    {
        var (graph, _) = Zoo.Value;
        var ops = DenseRuns.Ops(graph);
        // The QDQ part lowered (3 QGemm, 1 QLookup, its input Q and output DQ) beside the nodes written directly.
        Assert.Equal((10, 2, 5, 6), (ops.Count(o => o == "edgetk.QGemm"), ops.Count(o => o == "edgetk.QLookup"),
            ops.Count(o => o == "QuantizeLinear"), ops.Count(o => o == "DequantizeLinear")));
        var dsp = DenseRuns.Generate(graph, "cortex-m4").Files["model.c"];
        var m0 = DenseRuns.Generate(graph, "cortex-m0").Files["model.c"];
        Assert.Contains("__smlad(", dsp);
        Assert.Contains("for (g = 0; g < 2; g++)", dsp);          // K = 36 and 37: the unrolled loop, then the rest
        Assert.Contains("etk_requantize(", dsp);                  // k_r2's shifts
        Assert.Contains("rq: per channel {bias, multiplier M, n", dsp);
        Assert.Contains("rq: the bias of each channel", dsp);     // k_b: one multiplier
        Assert.Contains("_thresholds", m0);                        // QuantizeLinear without float arithmetic
        Assert.DoesNotContain("__smlad(", m0);
    }
}
