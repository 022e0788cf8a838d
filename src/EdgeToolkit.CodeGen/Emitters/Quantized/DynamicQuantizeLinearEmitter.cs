using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// DynamicQuantizeLinear (opset 11), the run-time quantizer of ONNX Runtime's dynamically
/// quantized models: one pass for the range of x, one for y. Float operations in the order of the
/// ONNX reference and ONNX Runtime (Graph/Ops/Quantized/DynamicQuantizeLinearOp), the division
/// included (x * (1 / scale) would differ in the last bit); rounding half to even by the portable
/// helper etk_rint_sat_f, so no libm and the same bits on every target, soft-float ones included.
/// </summary>
public sealed class DynamicQuantizeLinearEmitter : IKernelEmitter
{
    public string OpType => "DynamicQuantizeLinear";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return "DynamicQuantizeLinear input must be float32";
        if (ctx.Node.Outputs.Count != 3 || ctx.Node.Outputs.Any(o => o.Length == 0)) return "DynamicQuantizeLinear needs its three outputs";
        if (ctx.Node.Fused.Count > 0) return "DynamicQuantizeLinear with fused post-ops";
        return null;
    }

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        long count = Tensor.ElementCountOf(ctx.InputShape(0));
        string rint = ctx.UseHelper("rint_sat_f");
        w.Line($"/* DynamicQuantizeLinear '{CNames.Comment(ctx.Node.Name)}': over [lo, hi] = [min(0, min x), max(0, max x)], " +
               "scale = (hi - lo) / 255 (1 when x is all zeros, as ONNX Runtime), zero_point = round_half_to_even(clamp(0 - lo / scale, 0, 255)), " +
               "y = saturate(round_half_to_even(x / scale) + zero_point) to uint8; NaN takes no part in the range and gives the zero point */");
        w.Line($"const float *x = {ctx.In(0)};");
        w.Line($"uint8_t *y = {ctx.Out(0)};");
        w.Line("float lo = 0.0f, hi = 0.0f, scale, zero_f;");
        w.Line("int32_t zero;");
        w.Line("long i;");
        using (w.Block($"for (i = 0; i < {count}L; i++)"))
        {
            w.Line("if (x[i] < lo) lo = x[i];");
            w.Line("if (x[i] > hi) hi = x[i];");
        }
        w.Line("scale = hi == lo ? 1.0f : (hi - lo) / 255.0f;");
        w.Line("zero_f = 0.0f - lo / scale;");
        w.Line($"zero = {rint}(zero_f, 0, 255);");
        w.Line($"for (i = 0; i < {count}L; i++) y[i] = (uint8_t)({rint}(x[i] / scale, -zero, 255 - zero) + zero);");
        w.Line($"{ctx.Out(1)}[0] = scale;");
        w.Line($"{ctx.Out(2)}[0] = (uint8_t)zero;");
    }
}
