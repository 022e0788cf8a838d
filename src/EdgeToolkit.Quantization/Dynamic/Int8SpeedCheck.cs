namespace EdgeToolkit.Quantization.Dynamic;

/// <param name="Int8LikelyFaster">Whether int8 GEMM should beat float32 in ONNX Runtime on this CPU.</param>
/// <param name="Features">The CPU features the prediction rests on (e.g. avx512_vnni, avx_vnni, asimddp).</param>
/// <param name="Explanation">One sentence for the user.</param>
public sealed record Int8SpeedAssessment(bool Int8LikelyFaster, string Cpu, IReadOnlyList<string> Features, string Explanation);

/// <summary>Says whether dynamic int8 will be faster than float on the current CPU, before anyone measures.</summary>
public static class Int8SpeedCheck
{
    public static Int8SpeedAssessment Assess() => throw new NotImplementedException("the int8 speed check is being written");
}
