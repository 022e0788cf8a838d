using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Pool;

/// <summary>
/// Standalone float AveragePool (1-D/2-D). The divisor counts the taps inside the input, or with
/// count_include_pad=1 those inside the input plus its explicit pads (never the extra taps
/// ceil_mode adds), as ONNX Runtime does.
/// </summary>
public sealed class AveragePoolEmitter : IKernelEmitter
{
    public string OpType => "AveragePool";

    public string? CheckSupported(KernelContext ctx) =>
        ctx.InputType(0) != DataType.Float32 ? $"AveragePool on {ctx.InputType(0).OnnxName()} (only float)"
        : ctx.Node.Fused.Count > 0 ? "AveragePool with fused post-ops"
        : PoolGeometry.Check(ctx.Node, ctx.InputShape(0));

    public void Emit(KernelContext ctx)
    {
        var g = PoolGeometry.From(ctx.Node, ctx.InputShape(0));
        bool includePad = ctx.Node.GetInt("count_include_pad", 0) != 0;
        var w = ctx.Code;
        w.Line(g.Describe(ctx.Node, ctx.InputShape(0), ctx.OutputShape(0)) + (includePad ? " /* count_include_pad */" : ""));
        g.WriteConstants(w);
        w.Line($"const float *x = {ctx.In(0)};");
        w.Line($"float *y = {ctx.Out(0)};");
        using (g.OpenWindowLoops(w, "float"))
        {
            w.Line("float s = 0.0f;");
            using (w.Block("for (int ky = ky0; ky < ky1; ky++)"))
            {
                w.Line("const float *row = xp + (iy0 + ky * DIL_H) * IN_W + ix0;");
                using (w.Block("for (int kx = kx0; kx < kx1; kx++)"))
                    w.Line("s += row[kx * DIL_W];");
            }
            if (includePad)
            {
                w.Line("/* taps inside input + pads: the window starts at or after -PAD, so only its end is clipped */");
                w.Line("const int py_end = (IN_H + PAD_B - iy0 + DIL_H - 1) / DIL_H, px_end = (IN_W + PAD_R - ix0 + DIL_W - 1) / DIL_W;");
                w.Line("const int count = (py_end < K_H ? py_end : K_H) * (px_end < K_W ? px_end : K_W);");
            }
            else w.Line("const int count = (ky1 - ky0) * (kx1 - kx0);");
            w.Line("yp[oy * OUT_W + ox] = count > 0 ? s / (float)count : 0.0f;");
        }
    }
}
