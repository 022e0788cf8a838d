using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Quantized;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The loops QuantizeLinear and DequantizeLinear share: one pass when the parameters are per
/// tensor (literals when they are constants, else read once), else outer x channel x inner loops
/// with the channel's scale and zero point read once per inner run.
/// </summary>
internal static class QuantAxisLoops
{
    /// <summary>Why the Q/DQ node cannot be emitted, or null.</summary>
    public static string? CheckParams(KernelContext ctx)
    {
        if (ctx.InputType(1) != DataType.Float32) return $"{ctx.Node.OpType} scale must be float32";
        long scales = Tensor.ElementCountOf(ctx.InputShape(1));
        if (ctx.HasInput(2) && Tensor.ElementCountOf(ctx.InputShape(2)) != scales) return $"{ctx.Node.OpType} zero point and scale differ in length";
        if (ctx.Node.Fused.Count > 0) return $"{ctx.Node.OpType} with fused post-ops";
        try { QuantAxis.Layout(ctx.InputShape(0), (int)scales, (int)ctx.Node.GetInt("axis", 1)); }
        catch (ArgumentException e) { return e.Message; }
        return null;
    }

    /// <summary>
    /// Writes the loops; `element(x, y, scale, zero)` writes the statements for one element given C
    /// expressions of the input element, the output element, the scale (float) and the zero point (int32).
    /// </summary>
    public static void Write(KernelContext ctx, Action<string, string, string, string> element)
    {
        var w = ctx.Code;
        int scales = (int)Tensor.ElementCountOf(ctx.InputShape(1));
        var (outer, channels, inner) = QuantAxis.Layout(ctx.InputShape(0), scales, (int)ctx.Node.GetInt("axis", 1));
        long n = Tensor.ElementCountOf(ctx.InputShape(0));
        w.Line($"const {ctx.InputType(0).CType()} *x = {ctx.In(0)};");
        w.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        if (channels == 1)
        {
            string s = ctx.Constant(1) is { } sc ? CNames.Float(sc.Floats[0]) : $"{ctx.In(1)}[0]";
            string z = !ctx.HasInput(2) ? "0" : ctx.Constant(2) is { } zc ? zc.GetInt64(0).ToString() : $"(int32_t){ctx.In(2)}[0]";
            w.Line("long i;");
            using (w.Block($"for (i = 0; i < {n}L; i++)"))
                element("x[i]", "y[i]", s, z);
            return;
        }
        w.Line("long o, c, i;");
        using (w.Block($"for (o = 0; o < {outer}L; o++)"))
        using (w.Block($"for (c = 0; c < {channels}L; c++)"))
        {
            w.Line($"const float s = {ctx.In(1)}[c];");
            w.Line($"const int32_t z = {(ctx.HasInput(2) ? $"{ctx.In(2)}[c]" : "0")};");
            using (w.Block($"for (i = 0; i < {inner}L; i++)"))
                element("x[i]", "y[i]", "s", "z");
            w.Line($"x += {inner};");
            w.Line($"y += {inner};");
        }
    }
}
