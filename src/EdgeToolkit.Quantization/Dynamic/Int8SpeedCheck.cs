using System.Runtime.InteropServices;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <param name="Int8LikelyFaster">Whether int8 GEMM should beat float32 in ONNX Runtime on this CPU.</param>
/// <param name="Features">The CPU features the prediction rests on (e.g. avx512_vnni, avx_vnni, asimddp).</param>
/// <param name="Explanation">One sentence for the user.</param>
public sealed record Int8SpeedAssessment(bool Int8LikelyFaster, string Cpu, IReadOnlyList<string> Features, string Explanation);

/// <summary>
/// Says whether dynamic int8 will be faster than float on the current CPU, before anyone measures.
/// The rule is the one ORT's MLAS kernels follow: int8 wins where the CPU has an instruction that
/// multiplies 8-bit values and adds four products into a 32-bit lane in one step (x86 VNNI, Arm
/// dot product / i8mm). Without one, the u8 x s8 GEMM takes several instructions per step where
/// float takes one fused multiply-add, and the run-time quantisation of the activations is extra.
/// </summary>
public static class Int8SpeedCheck
{
    /// <summary>Flags that decide the prediction, strongest first; only those present are reported.</summary>
    private static readonly string[] Relevant = { "avx512_vnni", "avx_vnni", "avx512bw", "avx2", "i8mm", "asimddp", "asimd" };

    /// <summary>
    /// Below this many weights (256 x 256) a layer's int8 GEMM saves less than quantising its input
    /// at run time costs, one token at a time. Measured with ORT 1.31 on AVX-512 VNNI, four
    /// chained d x d MatMuls at M = 1: int8/float 2.0 at d = 64, 1.6 at 128, 0.78 at 256, 0.52 at 512.
    /// </summary>
    public const int SmallLayerWeights = 256 * 256;

    public static Int8SpeedAssessment Assess() => Assess(CpuFeatures.Current());

    /// <summary>The CPU's verdict, overruled when the model's layers are too small for int8 to pay off.</summary>
    public static Int8SpeedAssessment Assess(ModelGraph floatGraph) => Assess(CpuFeatures.Current(), floatGraph);

    public static Int8SpeedAssessment Assess(CpuFeatures cpu, ModelGraph floatGraph)
    {
        var byCpu = Assess(cpu);
        var sizes = floatGraph.Nodes.Select(n => DenseProduct.TryRead(floatGraph, n, out _)).OfType<DenseProduct>().Select(p => (long)p.K * p.N).ToList();
        if (sizes.Count == 0)
            return byCpu with { Int8LikelyFaster = false, Explanation = "nothing to gain: the model has no MatMul or Gemm with a constant weight matrix for int8 to speed up" };
        // The weights in large layers decide: they are where the time goes.
        long large = sizes.Where(s => s >= SmallLayerWeights).Sum(), all = sizes.Sum();
        if (!byCpu.Int8LikelyFaster || large * 2 >= all) return byCpu;
        return byCpu with
        {
            Int8LikelyFaster = false,
            Explanation = $"int8 may be slower than float for this model: most of its weights sit in small matrices (median {sizes.Order().ElementAt(sizes.Count / 2):N0} weights of {sizes.Count} matrices, "
                + $"below the ~{SmallLayerWeights:N0} where an int8 GEMM saves more than quantising its input at run time costs), even with this CPU's {string.Join("/", byCpu.Features.Take(1))}",
        };
    }

    public static Int8SpeedAssessment Assess(CpuFeatures cpu)
    {
        var found = Relevant.Where(cpu.Has).ToList();
        var (faster, why) = cpu.Architecture switch
        {
            Architecture.X64 or Architecture.X86 => X86(cpu),
            Architecture.Arm64 or Architecture.Arm => Arm(cpu),
            _ => (false, $"no int8 GEMM kernels of ONNX Runtime are known to beat float on {cpu.Architecture}; int8 may be slower than float, so measure first"),
        };
        return new Int8SpeedAssessment(faster, cpu.Name, found, why);
    }

    private static (bool, string) X86(CpuFeatures cpu)
    {
        var vnni = new[] { "avx512_vnni", "avx_vnni" }.FirstOrDefault(cpu.Has);
        if (vnni != null)
            return (true, $"int8 should be faster than float: this CPU has {vnni}, so ONNX Runtime's u8 x s8 GEMM multiplies and sums four int8 pairs per 32-bit lane in one instruction (vpdpbusd)");
        if (cpu.Has("avx2"))
            return (false, "int8 may be no faster than float, or slower: this CPU has AVX2 but no VNNI, so ONNX Runtime's u8 x s8 GEMM needs three instructions (vpmaddubsw, vpmaddwd, vpaddd) where VNNI needs one, "
                + "and vpmaddubsw's 16-bit sums can saturate (quantize with reduce-range); measure before relying on it");
        return (false, "int8 will likely be slower than float: without AVX2 or VNNI, ONNX Runtime's int8 GEMM falls back to SSE kernels that do a fraction of the work per instruction of its float ones");
    }

    private static (bool, string) Arm(CpuFeatures cpu)
    {
        if (cpu.Has("i8mm"))
            return (true, "int8 should be faster than float: this CPU has i8mm, so ONNX Runtime's int8 GEMM uses the 8-bit matrix multiply-accumulate instructions (smmla/ummla)");
        if (cpu.Has("asimddp"))
            return (true, "int8 should be faster than float: this CPU has the Arm dot-product instructions (asimddp: sdot/udot add four int8 products per 32-bit lane)");
        return (false, "int8 may be slower than float: this CPU lacks the Arm dot-product instructions (asimddp), so ONNX Runtime's int8 GEMM widens to 16 bits and accumulates in several instructions where float needs one fused multiply-add");
    }
}
