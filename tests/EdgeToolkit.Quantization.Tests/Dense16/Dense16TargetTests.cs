using EdgeToolkit.Graph;
using EdgeToolkit.Quantization.Tests.Dense;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>
/// The generated C of the 16x8 kernels equals the reference evaluator bit for bit on every target
/// (Dense16KernelZoo: one build and run per target, all cases batched), including the SMLAD
/// kernels of Cortex-M4/M7/M33 on int16 rows with every K mod 4. Two more runs compile code
/// generated for one core on the host: Cortex-M4 code runs its portable #else loops there, and
/// Cortex-M0 code its soft-float int16 QuantizeLinear. The C also compiles warning-free as C99
/// with -pedantic for each core family.
/// </summary>
public class Dense16TargetTests
{
    private static readonly Lazy<(ModelGraph Graph, List<IReadOnlyDictionary<string, Tensor>> Cases)> Zoo = new(() =>
        (DenseRuns.Optimised(Dense16KernelZoo.Build()), Dense16KernelZoo.Inputs()));

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

    [Theory]
    [InlineData("gcc", "host", "")]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m33", "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("arm-none-eabi-gcc", "cortex-m3", "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64", "")]
    public void CompilesWarningFree(string compiler, string target, string flags)
    {
        if (!HostGcc.OnPath(compiler)) return;
        HostGcc.CompileOnly(DenseRuns.Generate(Zoo.Value.Graph, target), compiler, flags);
    }
}
