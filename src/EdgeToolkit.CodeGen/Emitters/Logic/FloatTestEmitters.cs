using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// IsNaN, IsInf (detect_negative / detect_positive) and ThresholdedRelu on float32 (the types the
/// evaluator checks), with comparisons only (no libm): NaN is the value unequal to itself, infinity
/// what lies beyond the largest finite float.
/// </summary>
public sealed class FloatTestEmitters : IKernelEmitterProvider
{
    private static bool IsFloat(DataType t) => t == DataType.Float32;

    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        ElementwiseKernel.Expression("IsNaN", IsFloat, "float32", (_, a) => $"(uint8_t)({a[0]} != {a[0]})"),
        ElementwiseKernel.Expression("IsInf", IsFloat, "float32", IsInf, detail: ctx =>
            $"detect_negative {ctx.Node.GetInt("detect_negative", 1)}, detect_positive {ctx.Node.GetInt("detect_positive", 1)}"),
        ElementwiseKernel.Expression("ThresholdedRelu", IsFloat, "float32", (ctx, a) =>
            $"({a[0]} > {CNames.Float(ctx.Node.GetFloat("alpha", 1f))} ? {a[0]} : 0)",
            detail: ctx => $"alpha {ctx.Node.GetFloat("alpha", 1f).ToString("R", CultureInfo.InvariantCulture)}"),
    };

    private static string IsInf(KernelContext ctx, string[] a)
    {
        const string max = "3.40282347e+38f"; // FLT_MAX
        bool neg = ctx.Node.GetInt("detect_negative", 1) != 0, pos = ctx.Node.GetInt("detect_positive", 1) != 0;
        var tests = new List<string>();
        if (pos) tests.Add($"{a[0]} > {max}");
        if (neg) tests.Add($"{a[0]} < -{max}");
        // Neither: never true, written as a test so x stays used.
        if (tests.Count == 0) tests.Add($"{a[0]} != {a[0]} && {a[0]} == {a[0]}");
        return $"(uint8_t)({string.Join(" || ", tests)})";
    }
}
