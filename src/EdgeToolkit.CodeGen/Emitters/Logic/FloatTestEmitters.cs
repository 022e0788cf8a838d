using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// IsNaN, IsInf (detect_negative / detect_positive) and ThresholdedRelu on float32 and float64, with
/// comparisons only (no libm): NaN is the value unequal to itself, infinity what lies beyond the
/// largest finite value.
/// </summary>
public sealed class FloatTestEmitters : IKernelEmitterProvider
{
    private static bool IsFloat(DataType t) => t is DataType.Float32 or DataType.Float64;

    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        ElementwiseKernel.Expression("IsNaN", IsFloat, "float32, float64", (_, a) => $"(uint8_t)({a[0]} != {a[0]})"),
        ElementwiseKernel.Expression("IsInf", IsFloat, "float32, float64", IsInf, detail: ctx =>
            $"detect_negative {ctx.Node.GetInt("detect_negative", 1)}, detect_positive {ctx.Node.GetInt("detect_positive", 1)}"),
        ElementwiseKernel.Expression("ThresholdedRelu", IsFloat, "float32, float64", (ctx, a) =>
            $"({a[0]} > {Literal(ctx.InputType(0), ctx.Node.GetFloat("alpha", 1f))} ? {a[0]} : 0)",
            detail: ctx => $"alpha {ctx.Node.GetFloat("alpha", 1f).ToString("R", CultureInfo.InvariantCulture)}"),
    };

    private static string IsInf(KernelContext ctx, string[] a)
    {
        var max = ctx.InputType(0) == DataType.Float32 ? "3.40282347e+38f" : "1.7976931348623157e+308";
        bool neg = ctx.Node.GetInt("detect_negative", 1) != 0, pos = ctx.Node.GetInt("detect_positive", 1) != 0;
        var tests = new List<string>();
        if (pos) tests.Add($"{a[0]} > {max}");
        if (neg) tests.Add($"{a[0]} < -{max}");
        // Neither: never true, written as a test so x stays used.
        if (tests.Count == 0) tests.Add($"{a[0]} != {a[0]} && {a[0]} == {a[0]}");
        return $"(uint8_t)({string.Join(" || ", tests)})";
    }

    /// <summary>A float attribute as a literal of the input type (widened exactly for float64, as the reference does).</summary>
    internal static string Literal(DataType t, float v)
    {
        if (t == DataType.Float32) return CNames.Float(v);
        var s = ((double)v).ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
