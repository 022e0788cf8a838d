using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// The int8 kernel zoo (KernelZoo) on every target (KernelZooTargetTests), including the SMLAD
/// kernels of Cortex-M4/M7/M33 with odd K and N; and that the zoo reaches every kernel variant.
/// </summary>
public class DenseTargetTests : KernelZooTargetTests
{
    protected override ModelGraph BuildZoo() => KernelZoo.Build();
    protected override List<IReadOnlyDictionary<string, Tensor>> ZooInputs() => KernelZoo.Inputs();

    [Fact]
    public void TheZooReachesEveryKernelVariant()
    {
        var (graph, _) = Zoo;
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
