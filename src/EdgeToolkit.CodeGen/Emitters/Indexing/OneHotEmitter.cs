using EdgeToolkit.Graph;
using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Indexing;

/// <summary>
/// OneHot: y gets a new axis of size depth (known from the concrete output shape, so depth must be
/// a constant) holding values[1] where the index matches and values[0] elsewhere. Negative
/// indices count from depth; out-of-range ones leave the row all off, as in the reference. Float
/// indices truncate toward zero after a range check, so the conversion is defined (NaN is 0).
/// </summary>
public sealed class OneHotEmitter : IKernelEmitter
{
    public string OpType => "OneHot";

    public string? CheckSupported(KernelContext ctx)
    {
        var t = ctx.InputType(0);
        if (!t.IsInteger() && t != DataType.Float32) return $"OneHot indices of type {t.OnnxName()} are not supported";
        if (Tensor.ElementCountOf(ctx.InputShape(2)) != 2) return "OneHot values must hold [off, on]";
        return DataMovement.CheckType(ctx, ctx.InputType(2));
    }

    public void Emit(KernelContext ctx)
    {
        var idx = ctx.InputShape(0);
        var y = ctx.OutputShape(0);
        int axis = Axis(ctx, idx.Length);
        var w = ctx.Code;
        DataMovement.Header(ctx, $"axis {axis}, depth {y[axis]}");
        w.Line($"enum {{ OUTER = {Tensor.ElementCountOf(idx[..axis])}, DEPTH = {y[axis]}, INNER = {Tensor.ElementCountOf(idx[axis..])} }};");
        w.Line($"const {ctx.InputType(0).CType()} *idx = {ctx.In(0)};");
        w.Line($"const {ctx.InputType(2).CType()} *values = {ctx.In(2)}; /* [off, on] */");
        w.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        w.Line("for (long j = 0; j < (long)OUTER * DEPTH * INNER; j++) y[j] = values[0];");
        using (w.Block("for (long o = 0; o < OUTER; o++)"))
        using (w.Block("for (long i = 0; i < INNER; i++)"))
        {
            if (ctx.InputType(0) == DataType.Float32)
            {
                w.Line("const float v = idx[o * INNER + i];");
                w.Line("int64_t k = 0; /* NaN: index 0, as the reference's saturating conversion has it */");
                w.Line("if (v == v && !(v > -DEPTH - 1.0f && v < DEPTH)) continue; /* out of range: all off */");
                w.Line("if (v == v) k = (int64_t)v;");
            }
            else w.Line("int64_t k = (int64_t)idx[o * INNER + i];");
            w.Line("if (k < 0) k += DEPTH;");
            w.Line("if (k >= 0 && k < DEPTH) y[(o * DEPTH + k) * INNER + i] = values[1];");
        }
    }

    private static int Axis(KernelContext ctx, int indicesRank)
    {
        long axis = ctx.Node.GetInt("axis", -1);
        return (int)(axis < 0 ? axis + indicesRank + 1 : axis);
    }
}
