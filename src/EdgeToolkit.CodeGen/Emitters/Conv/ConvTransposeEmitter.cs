using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Float ConvTranspose, 1-D and 2-D: X [N, C, (H,) W], W [C, M/group, (kH,) kW], optional B [M];
/// strides, dilations, groups, pads, output_padding, output_shape and auto_pad. The output size
/// comes from shape inference (the evaluator's rules); only the begin pad is derived here. The
/// kernel scatters like the definition: the output starts at the bias, every input value adds
/// its scaled kernel at i * stride + k * dilation - pad, then fused elementwise activations run
/// over the result. Weights are read as given, constant or not.
/// </summary>
public sealed class ConvTransposeEmitter : IKernelEmitter
{
    public string OpType => "ConvTranspose";

    public string? CheckSupported(KernelContext ctx)
    {
        for (int i = 0; i < 3; i++)
            if (ctx.HasInput(i) && ctx.InputType(i) != DataType.Float32) return $"ConvTranspose on {ctx.InputType(i).OnnxName()} (only float)";
        int spatial = ctx.InputShape(0).Length - 2;
        if (spatial is not (1 or 2)) return $"ConvTranspose with {spatial} spatial axes (1-D and 2-D are supported)";
        if (ctx.InputShape(1).Length != spatial + 2) return "ConvTranspose weight rank does not match the input";
        foreach (var f in ctx.Node.Fused)
            if (PostOps.CheckSupported(ctx, f) is { } why) return why;
        return null;
    }

    public long Macs(KernelContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        return Tensor.ElementCountOf(x) * Tensor.ElementCountOf(w[1..]);
    }

    public void Emit(KernelContext ctx)
    {
        var code = ctx.Code;
        var x = ctx.InputShape(0);
        var wShape = ctx.InputShape(1);
        var y = ctx.OutputShape(0);
        bool is1D = x.Length == 3;
        int group = (int)ctx.Node.GetInt("group", 1);
        var (sh, dh, ph) = is1D ? (1, 1, 0) : Axis(ctx.Node, 0, x[2], y[2], wShape[2]);
        var (sw, dw, pw) = Axis(ctx.Node, x.Length - 3, x[^1], y[^1], wShape[^1]);
        int inH = is1D ? 1 : x[2], outH = is1D ? 1 : y[2], kH = is1D ? 1 : wShape[2];
        bool hasBias = ctx.HasInput(2);
        code.Line($"/* ConvTranspose '{CNames.Comment(ctx.Node.Name)}': x [{string.Join("x", x)}] -> [{string.Join("x", y)}], kernel {kH}x{wShape[^1]}, " +
                  $"stride {sh}x{sw}, dilation {dh}x{dw}, begin pads {ph},{pw}, group {group}{(hasBias ? ", bias" : "")} */");
        ConvLoops.WriteFusedComments(ctx);
        code.Line($"enum {{ BATCH = {x[0]}, IN_C = {x[1]}, IN_H = {inH}, IN_W = {x[^1]}, OUT_C = {y[1]}, OUT_H = {outH}, OUT_W = {y[^1]} }};");
        code.Line($"enum {{ K_H = {kH}, K_W = {wShape[^1]}, STRIDE_H = {sh}, STRIDE_W = {sw}, DIL_H = {dh}, DIL_W = {dw}, PAD_T = {ph}, PAD_L = {pw} }};");
        code.Line($"enum {{ IN_C_G = {x[1] / group}, OUT_C_G = {wShape[1]} }};");
        code.Line($"const float *x = {ctx.In(0)};");
        code.Line($"const float *w = {ctx.In(1)}; /* [IN_C][OUT_C_G][K_H][K_W] */");
        if (hasBias) code.Line($"const float *bias = {ctx.In(2)};");
        code.Line($"float *y = {ctx.Out(0)};");
        using (code.Block("for (int n = 0; n < BATCH; n++)"))
        {
            code.Line("float *yn = y + n * (OUT_C * OUT_H * OUT_W);");
            using (code.Block("for (int oc = 0; oc < OUT_C; oc++)"))
            using (code.Block("for (int i = 0; i < OUT_H * OUT_W; i++)"))
                code.Line($"yn[oc * (OUT_H * OUT_W) + i] = {(hasBias ? "bias[oc]" : "0.0f")};");
            code.Line("/* every input value adds its scaled kernel to the outputs it reaches */");
            using (code.Block("for (int ic = 0; ic < IN_C; ic++)"))
            using (code.Block("for (int mo = 0; mo < OUT_C_G; mo++)"))
            {
                code.Line("const float *xc = x + (n * IN_C + ic) * (IN_H * IN_W);");
                code.Line("const float *wk = w + (ic * OUT_C_G + mo) * (K_H * K_W);");
                code.Line("float *yc = yn + ((ic / IN_C_G) * OUT_C_G + mo) * (OUT_H * OUT_W);");
                using (code.Block("for (int iy = 0; iy < IN_H; iy++)"))
                using (code.Block("for (int ix = 0; ix < IN_W; ix++)"))
                {
                    code.Line("const float v = xc[iy * IN_W + ix];");
                    using (code.Block("for (int ky = 0; ky < K_H; ky++)"))
                    {
                        code.Line("const int oy = iy * STRIDE_H + ky * DIL_H - PAD_T;");
                        code.Line("if (oy < 0 || oy >= OUT_H) continue;");
                        using (code.Block("for (int kx = 0; kx < K_W; kx++)"))
                        {
                            code.Line("const int ox = ix * STRIDE_W + kx * DIL_W - PAD_L;");
                            code.Line("if (ox < 0 || ox >= OUT_W) continue;");
                            code.Line("yc[oy * OUT_W + ox] += v * wk[ky * K_W + kx];");
                        }
                    }
                }
            }
        }
        if (ctx.Node.Fused.Count == 0) return;
        using (code.Block("for (int i = 0; i < BATCH * OUT_C * OUT_H * OUT_W; i++)"))
        {
            code.Line("float v = y[i];");
            foreach (var f in ctx.Node.Fused) code.Line($"v = {PostOps.Apply(ctx, f, "v")};");
            code.Line("y[i] = v;");
        }
    }

    /// <summary>
    /// Stride, dilation and begin pad of spatial axis a: explicit pads, or the split
    /// that output_shape / auto_pad imply (SAME_UPPER puts the odd one at the end), as the evaluator does.
    /// </summary>
    private static (int Stride, int Dilation, int PadBegin) Axis(Node node, int a, int inSize, int outSize, int kernel)
    {
        int stride = (int)(node.GetInts("strides")?[a] ?? 1);
        int dilation = (int)(node.GetInts("dilations")?[a] ?? 1);
        int outputPadding = (int)(node.GetInts("output_padding")?[a] ?? 0);
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (node.GetInts("output_shape") != null || autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            int full = stride * (inSize - 1) + outputPadding + (kernel - 1) * dilation + 1;
            int total = full - outSize, half = (int)Math.Floor(total / 2.0);
            return (stride, dilation, autoPad == "SAME_UPPER" ? half : total - half);
        }
        if (autoPad == "VALID") return (stride, dilation, 0);
        return (stride, dilation, (int)(node.GetInts("pads")?[a] ?? 0));
    }
}
