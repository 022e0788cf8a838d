using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// QLinearConv, 1-D and 2-D: the exact int32 sums of ConvInteger plus the int32 bias, scaled by
/// x_scale * w_scale[oc] / y_scale, rounded half to even, offset by y_zero_point and saturated to
/// int8/uint8. The scaling is done in double in the reference's order of operations, so the
/// result is bit-identical to it on every target (doubles are IEEE, soft-float on Cortex-M too);
/// the rounding is the portable helper etk_rint_sat_d, because rint/nearbyint would need libm.
/// </summary>
public sealed class QLinearConvEmitter : IKernelEmitter
{
    public string OpType => "QLinearConv";

    public string? CheckSupported(KernelContext ctx)
    {
        foreach (int i in new[] { 0, 2, 3, 5, 7 })
            if (!ctx.HasInput(i) || ctx.InputType(i) is not (DataType.Int8 or DataType.UInt8)) return $"QLinearConv input {i} must be int8 or uint8";
        foreach (int i in new[] { 1, 4, 6 })
            if (ctx.InputType(i) != DataType.Float32) return $"QLinearConv scale input {i} must be float";
        if (ctx.HasInput(8) && ctx.InputType(8) != DataType.Int32) return "QLinearConv bias must be int32";
        if (ctx.Node.Fused.Count > 0) return "QLinearConv with fused post-ops";
        foreach (int i in new[] { 1, 2, 6, 7 })
            if (Tensor.ElementCountOf(ctx.InputShape(i)) != 1) return $"QLinearConv input {i} must be a scalar";
        int m = ctx.InputShape(3)[0];
        foreach (int i in new[] { 4, 5 })
            if (Tensor.ElementCountOf(ctx.InputShape(i)) is var n && n != 1 && n != m) return $"QLinearConv input {i} must be a scalar or one per output channel";
        try
        {
            var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(3));
            if (g.Groups < 1 || g.InChannels % g.Groups != 0 || g.OutChannels % g.Groups != 0) return $"group={g.Groups} does not divide the channels";
            if (g.OutH < 1 || g.OutW < 1) return "QLinearConv output would be empty";
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return e.Message; }
        return null;
    }

    public long Macs(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(3));
        return (long)g.Batch * g.OutChannels * g.OutH * g.OutW * g.TapsPerOutput;
    }

    public void Emit(KernelContext ctx)
    {
        var g = ConvGeometry.From(ctx.Node, ctx.InputShape(0), ctx.InputShape(3));
        var w = ctx.Code;
        var yType = ctx.InputType(7);
        bool perChannelScale = Tensor.ElementCountOf(ctx.InputShape(4)) > 1;
        w.Line($"/* QLinearConv '{CNames.Comment(ctx.Node.Name)}': kernel {g.KernelH}x{g.KernelW}, stride {g.StrideH}x{g.StrideW}, " +
               $"dilation {g.DilationH}x{g.DilationW}, pads top {g.PadTop} left {g.PadLeft}, group {g.Groups}; " +
               "int32 sums, requantised in double, rounded half to even */");
        w.Line($"{yType.CType()} *y = {ctx.Out(0)};");
        w.Line($"const double x_scale = ({ctx.In(1)})[0], y_scale = ({ctx.In(6)})[0];");
        w.Line($"const float *w_scale = {ctx.In(4)};");
        w.Line($"const int32_t y_zero = ({ctx.In(7)})[0];");
        if (ctx.HasInput(8)) w.Line($"const int32_t *bias = {ctx.In(8)};");
        var (lo, hi) = yType == DataType.UInt8 ? (0, 255) : (-128, 127);
        string rint = ctx.UseHelper("rint_sat_d");
        string store = string.Join("\n", new[]
        {
            $"const double scale = x_scale * (double)w_scale[{(perChannelScale ? "oc" : "0")}] / y_scale;",
            $"const double v = (double)((int64_t)s{(ctx.HasInput(8) ? " + bias[oc]" : "")}) * scale;",
            "/* round half to even, then add the zero point, saturated: the rounding clamps to the range less the zero point */",
            $"y[plane + oy * OUT_W + ox] = ({yType.CType()})({rint}(v, {lo} - y_zero, {hi} - y_zero) + y_zero);",
        });
        ConvIntegerEmitter.WriteSums(ctx, g, xInput: 0, xZeroInput: 2, wInput: 3, wZeroInput: 5, store: store);
    }
}
