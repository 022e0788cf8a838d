using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// ConvInteger, 1-D and 2-D: int8/uint8 x and w with their zero points subtracted (x_zero_point a
/// scalar, w_zero_point a scalar or one per output channel), summed exactly in int32. A plain
/// direct convolution reading the ONNX layout (weights constant or not); padding taps are
/// skipped, since they would add (x_zero_point - x_zero_point) * w = 0.
/// </summary>
public sealed class ConvIntegerEmitter : IKernelEmitter
{
    public string OpType => "ConvInteger";

    public string? CheckSupported(KernelContext ctx)
    {
        for (int i = 0; i < 4; i++)
            if (ctx.HasInput(i) && ctx.InputType(i) is not (DataType.Int8 or DataType.UInt8))
                return $"ConvInteger input {i} of {ctx.InputType(i).OnnxName()} (int8 or uint8)";
        if (ctx.OutputType(0) != DataType.Int32) return "ConvInteger output must be int32";
        if (ctx.Node.Fused.Count > 0) return "ConvInteger with fused post-ops";
        try
        {
            var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1));
            if (g.Groups < 1 || g.InChannels % g.Groups != 0 || g.OutChannels % g.Groups != 0) return $"group={g.Groups} does not divide the channels";
            if (g.OutH < 1 || g.OutW < 1) return "ConvInteger output would be empty";
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return e.Message; }
        if (ctx.HasInput(2) && Tensor.ElementCountOf(ctx.InputShape(2)) != 1) return "ConvInteger x_zero_point must be a scalar";
        if (ctx.HasInput(3) && Tensor.ElementCountOf(ctx.InputShape(3)) is var n && n != 1 && n != ctx.InputShape(1)[0])
            return "ConvInteger w_zero_point must be a scalar or one per output channel";
        return null;
    }

    public long Macs(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1));
        return (long)g.Batch * g.OutChannels * g.OutH * g.OutW * g.TapsPerOutput;
    }

    public void Emit(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(1));
        ctx.Code.Line($"/* ConvInteger '{CNames.Comment(ctx.Node.Name)}': kernel {g.KernelH}x{g.KernelW}, stride {g.StrideH}x{g.StrideW}, " +
                      $"dilation {g.DilationH}x{g.DilationW}, pads top {g.PadTop} left {g.PadLeft}, group {g.Groups}; exact int32 sums */");
        ctx.Code.Line("int32_t *y = " + ctx.Out(0) + ";");
        WriteSums(ctx, g, xInput: 0, xZeroInput: 2, wInput: 1, wZeroInput: 3, store: "y[plane + oy * OUT_W + ox] = s;");
    }

    /// <summary>
    /// The exact integer convolution shared with QLinearConv: for each output, s = sum of
    /// (x - x_zero) * (w - w_zero[oc]) in int32, then the store statement (which sees s, oc, n,
    /// plane = the offset of y's plane for (n, oc), oy and ox). Zero-point inputs may be absent (zero).
    /// </summary>
    internal static void WriteSums(KernelContext ctx, ConvGeometry g, int xInput, int xZeroInput, int wInput, int wZeroInput, string store)
    {
        var w = ctx.Code;
        bool perChannelZero = ctx.HasInput(wZeroInput) && Tensor.ElementCountOf(ctx.InputShape(wZeroInput)) > 1;
        string xType = ctx.InputType(xInput).CType(), wType = ctx.InputType(wInput).CType();
        ConvLoops.WriteShapeEnums(w, g);
        w.Line($"enum {{ IN_C_G = {g.InChannelsPerGroup}, OC_G = {g.OutChannelsPerGroup}, TAPS = {g.TapsPerOutput} }};");
        w.Line($"const {xType} *x = {ctx.In(xInput)};");
        w.Line($"const {wType} *w = {ctx.In(wInput)};");
        w.Line(ctx.HasInput(xZeroInput) ? $"const int32_t x_zero = ({ctx.In(xZeroInput)})[0];" : "const int32_t x_zero = 0;");
        using (w.Block("for (int n = 0; n < BATCH; n++)"))
        using (w.Block("for (int oc = 0; oc < OUT_C; oc++)"))
        {
            w.Line(!ctx.HasInput(wZeroInput) ? "const int32_t w_zero = 0;"
                : perChannelZero ? $"const int32_t w_zero = ({ctx.In(wZeroInput)})[oc]; /* per output channel */"
                : $"const int32_t w_zero = ({ctx.In(wZeroInput)})[0];");
            w.Line($"const {xType} *xg = x + (n * IN_C + (oc / OC_G) * IN_C_G) * (IN_H * IN_W); /* this channel's group */");
            w.Line($"const {wType} *wo = w + oc * TAPS;");
            w.Line("const int plane = (n * OUT_C + oc) * (OUT_H * OUT_W); /* y's plane for (n, oc) */");
            using (w.Block("for (int oy = 0; oy < OUT_H; oy++)"))
            using (w.Block("for (int ox = 0; ox < OUT_W; ox++)"))
            {
                w.Line("const int iy0 = oy * STRIDE_H - PAD_T, ix0 = ox * STRIDE_W - PAD_L;");
                w.Line("int32_t s = 0;");
                ConvLoops.WriteCheckedTaps(w, "s += ((int32_t)xg[(c * IN_H + iy) * IN_W + ix] - x_zero) * ((int32_t)wo[(c * K_H + ky) * K_W + kx] - w_zero);");
                w.Lines(store);
            }
        }
    }
}
