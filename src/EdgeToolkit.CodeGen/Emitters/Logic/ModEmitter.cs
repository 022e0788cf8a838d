using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// Mod with broadcasting. fmod=0 (integers): the remainder takes the divisor's sign (Python's %);
/// fmod=1: C's truncated remainder, the dividend's sign. float32 (fmod=1 only; the evaluator has
/// no float64 Mod) uses an exact shift-and-subtract fmod instead of libm. A zero divisor gives 0
/// for integers (C would trap) and NaN for floats, like fmod.
/// </summary>
public sealed class ModEmitter : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        new ElementwiseKernel("Mod", t => t.IsInteger() || t == DataType.Float32, "float32 and integer types", Element,
            ctx => ctx.InputType(0).IsFloat() && ctx.Node.GetInt("fmod", 0) == 0 ? "Mod of float inputs requires fmod=1 (ONNX)" : null,
            ctx => $"fmod {ctx.Node.GetInt("fmod", 0)}"),
    };

    private static void Element(KernelContext ctx, CWriter w, string[] a, string y)
    {
        var t = ctx.InputType(0);
        if (t.IsFloat()) FloatMod(w, t.CType(), a, y);
        else IntegerMod(w, t, ctx.Node.GetInt("fmod", 0) != 0, a, y);
    }

    private static void IntegerMod(CWriter w, DataType t, bool truncated, string[] a, string y)
    {
        var c = t.CType();
        bool signed = t is DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64;
        w.Line($"const {c} n = {a[0]}, d = {a[1]};");
        // d == -1 would overflow for the most negative n; its remainder is 0 anyway.
        w.Line($"{c} r = d == 0{(signed ? " || d == -1" : "")} ? 0 : ({c})(n % d);");
        if (signed && !truncated) w.Line($"if (r != 0 && (r < 0) != (d < 0)) r = ({c})(r + d); /* floored: the divisor's sign */");
        w.Line($"{y} = r;");
    }

    /// <summary>
    /// |n| mod |d| by subtracting the largest d * 2^k that fits until less than |d| is left: every
    /// subtraction is exact (Sterbenz), so the result is the exact fmod, then given n's sign.
    /// </summary>
    private static void FloatMod(CWriter w, string c, string[] a, string y)
    {
        w.Line($"const {c} n = {a[0]}, d = {a[1]};");
        w.Line($"const {c} m = d < 0 ? -d : d;");
        w.Line($"{c} r = n < 0 ? -n : n;");
        w.Line($"if (!(m > 0) || r - r != 0) r = (n * d) / (n * d); /* NaN: zero or NaN divisor, infinite or NaN dividend */");
        w.Line("else if (r < m) r = n;");
        using (w.Block("else"))
        {
            using (w.Block("while (r >= m)"))
            {
                w.Line($"{c} t = m;");
                w.Line("while (t + t <= r) t += t;");
                w.Line("r -= t;");
            }
            w.Line("if (n < 0) r = -r;");
        }
        w.Line($"{y} = r;");
    }
}
