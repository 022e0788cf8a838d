using EdgeToolkit.Graph;
using EdgeToolkit.Quantization.Tests.Dense;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>
/// The 16x8 kernel zoo (Dense16KernelZoo) on every target (KernelZooTargetTests), including the
/// SMLAD kernels of Cortex-M4/M7/M33 on int16 rows with every K mod 4; and that the zoo reaches
/// every kernel variant.
/// </summary>
public class Dense16TargetTests : KernelZooTargetTests
{
    protected override ModelGraph BuildZoo() => Dense16KernelZoo.Build();
    protected override List<IReadOnlyDictionary<string, Tensor>> ZooInputs() => Dense16KernelZoo.Inputs();

    [Fact]
    public void TheZooReachesEveryKernelVariant()
    {
        var (graph, _) = Zoo;
        var ops = DenseRuns.Ops(graph);
        // The QDQ part lowered (3 QGemm, 1 QLookup16, its input Q and output DQ) beside the nodes written directly.
        Assert.Equal((14, 2, 4, 4), (ops.Count(o => o == "edgetk.QGemm"), ops.Count(o => o == "edgetk.QLookup16"),
            ops.Count(o => o == "QuantizeLinear"), ops.Count(o => o == "DequantizeLinear")));
        var dsp = DenseRuns.Generate(graph, "cortex-m4").Files["model.c"];
        var m0 = DenseRuns.Generate(graph, "cortex-m0").Files["model.c"];
        Assert.Contains("etk_s16x2(xp + ", dsp);                 // int16 pairs straight from the row
        Assert.Contains("for (g = 0; g < 2; g++)", dsp);          // K = 36..39: the unrolled loop, then the rest
        Assert.Contains("in the input order 0, 2, 1, 3", dsp);    // W packed for SXTB16 against (x0, x1), (x2, x3)
        Assert.Contains("(int32_t)(uint16_t)xp[", dsp);           // K mod 4 = 1 and 3: the last words built by hand
        Assert.Contains("etk_requantize(", dsp);                  // w_r2's shifts
        Assert.Contains("rq: per channel {bias, multiplier M, n", dsp);
        Assert.DoesNotContain("x16", dsp);                         // no widened copy of int16 rows
        Assert.DoesNotContain("__smlad(", m0);
        Assert.DoesNotContain("_thresholds", m0);                  // int16 QuantizeLinear divides (soft float) on M0
    }
}
