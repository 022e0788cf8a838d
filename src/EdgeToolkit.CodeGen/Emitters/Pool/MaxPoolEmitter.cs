using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Pool;

/// <summary>
/// Standalone MaxPool (1-D/2-D; pads, strides, dilations, ceil_mode, auto_pad) on float and 8-bit
/// types, with the optional Indices output (int64 flat indices into X; storage_order 1 makes the
/// spatial part column-major). Like the reference, the first of equal maxima wins.
/// </summary>
public sealed class MaxPoolEmitter : IKernelEmitter
{
    public string OpType => "MaxPool";

    public string? CheckSupported(KernelContext ctx) =>
        LowestValue(ctx.InputType(0)) == null ? $"MaxPool on {ctx.InputType(0).OnnxName()}"
        : ctx.Node.Fused.Count > 0 ? "MaxPool with fused post-ops"
        : PoolGeometry.Check(ctx.Node, ctx.InputShape(0));

    /// <summary>The value every window's maximum starts from (-FLT_MAX rather than -inf keeps libm and INFINITY out).</summary>
    internal static string? LowestValue(DataType t) => t switch
    {
        DataType.Float32 => "-3.40282347e+38f",
        DataType.Float64 => "-1.7976931348623157e+308",
        DataType.Int8 => "INT8_MIN",
        DataType.UInt8 => "0",
        _ => null,
    };

    public void Emit(KernelContext ctx)
    {
        var g = PoolGeometry.From(ctx.Node, ctx.InputShape(0));
        var w = ctx.Code;
        string t = ctx.InputType(0).CType();
        w.Line(g.Describe(ctx.Node, ctx.InputShape(0), ctx.OutputShape(0)));
        g.WriteConstants(w);
        w.Line($"const {t} *x = {ctx.In(0)};");
        w.Line($"{t} *y = {ctx.Out(0)};");
        bool indices = ctx.Node.Outputs.Count > 1 && ctx.Node.Outputs[1].Length > 0;
        if (indices) w.Line($"int64_t *ind = {ctx.Out(1)};");
        using (g.OpenWindowLoops(w, t))
        {
            w.Line($"{t} m = {LowestValue(ctx.InputType(0))};");
            if (indices) w.Line("int best = -1; /* row-major offset of the maximum in the plane; the first tap always takes it */");
            using (w.Block("for (int ky = ky0; ky < ky1; ky++)"))
            {
                w.Line($"const {t} *row = xp + (iy0 + ky * DIL_H) * IN_W + ix0;");
                using (w.Block("for (int kx = kx0; kx < kx1; kx++)"))
                {
                    if (!indices) w.Line("if (row[kx * DIL_W] > m) m = row[kx * DIL_W];");
                    else
                        using (w.Block("if (best < 0 || row[kx * DIL_W] > m)"))
                        {
                            w.Line("m = row[kx * DIL_W];");
                            w.Line("best = (iy0 + ky * DIL_H) * IN_W + ix0 + kx * DIL_W;");
                        }
                }
            }
            w.Line("yp[oy * OUT_W + ox] = m;");
            if (indices)
                w.Line(ctx.Node.GetInt("storage_order", 0) != 0
                    ? "ind[p * (OUT_H * OUT_W) + oy * OUT_W + ox] = (int64_t)p * (IN_H * IN_W) + (best % IN_W) * IN_H + best / IN_W; /* column-major */"
                    : "ind[p * (OUT_H * OUT_W) + oy * OUT_W + ox] = (int64_t)p * (IN_H * IN_W) + best;");
        }
    }
}
