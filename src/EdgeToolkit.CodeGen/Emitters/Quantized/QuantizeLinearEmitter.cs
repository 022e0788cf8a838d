using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Quantized;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QuantizeLinear: y = saturate(round_half_to_even(x / scale) + zero_point) to int8, uint8 or
/// int16, per tensor or per axis. With a float unit the division is done in float, as the reference and
/// ONNX Runtime do it (x * (1 / scale) would differ in the last bit), and rounding half to even is
/// the FPU's own rounding (the portable helper etk_rint_sat_f): no libm, the same bits on every target.
/// Without one (Cortex-M0/M3), a per-tensor 8-bit quantizer is a search in its 255 thresholds
/// (QuantizeThresholds): integer compares instead of a soft-float division. int16 would need
/// 65535 thresholds, so it takes the (soft-float) division, as do run-time scales and zero points.
/// </summary>
public sealed class QuantizeLinearEmitter : IKernelEmitter
{
    public string OpType => "QuantizeLinear";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return "QuantizeLinear input must be float32";
        if (ctx.OutputType(0) is not (DataType.Int8 or DataType.UInt8 or DataType.Int16)) return "QuantizeLinear output must be int8, uint8 or int16";
        return QuantAxisLoops.CheckParams(ctx);
    }

    public void Emit(KernelContext ctx)
    {
        var type = ctx.OutputType(0);
        var scale = ctx.Constant(1);
        var zeroPoint = ctx.HasInput(2) ? ctx.Constant(2) : null;
        if (!ctx.Target.HasFpu && type != DataType.Int16 && scale is { Length: 1 } && float.IsNormal(scale.Floats[0]) && scale.Floats[0] > 0
            && (zeroPoint != null || !ctx.HasInput(2)))
        {
            int zero = (int)(zeroPoint?.GetInt64(0) ?? 0);
            WriteThresholdSearch(ctx, new QuantParams(new[] { scale.Floats[0] }, new[] { zero }, type));
            return;
        }
        var w = ctx.Code;
        var (lo, hi) = QuantizeLinearOperator.Range(type);
        w.Line($"/* QuantizeLinear '{CNames.Comment(ctx.Node.Name)}': {type.OnnxName()} = saturate(round_half_to_even(x / scale) + zero_point); " +
               "NaN gives the zero point */");
        string rint = ctx.UseHelper("rint_sat_f");
        QuantAxisLoops.Write(ctx, (x, y, s, z) =>
        {
            // Rounded, then clamped to the range less the zero point; NaN rounds to 0, so gives the zero point.
            string range = long.TryParse(z, out long zk) ? $"{lo - zk}, {hi - zk}" : $"{lo} - {z}, {hi} - {z}";
            string plus = zk < 0 ? $"- {-zk}" : $"+ {z}";
            w.Line($"{y} = ({type.CType()})({rint}({x} / {s}, {range}) {plus});");
        });
    }

    private static void WriteThresholdSearch(KernelContext ctx, QuantParams q)
    {
        var w = ctx.Code;
        var table = ctx.AddConstant(ctx.Node.Name + "_thresholds", Tensor.FromInt32s(new[] { q.QMax - q.QMin }, QuantizeThresholds.For(q)));
        long n = Tensor.ElementCountOf(ctx.InputShape(0));
        var type = q.Type.CType();
        w.Line($"/* QuantizeLinear '{CNames.Comment(ctx.Node.Name)}': {q.Type.OnnxName()} = saturate(round_half_to_even(x / {CNames.Float(q.Scale)}) + {q.ZeroPoint}), " +
               "without float arithmetic: the result is qmin + the number of thresholds t[j] <= x (t[j]: the least float quantizing " +
               "to qmin + 1 + j, worked out at generation with the reference arithmetic), compared as float bit patterns " +
               "mapped to ordered integers; NaN gives the zero point */");
        w.Line($"const int32_t *t = {table};");
        w.Line($"const float *x = {ctx.In(0)};");
        w.Line($"{type} *y = {ctx.Out(0)};");
        w.Line("long i;");
        using (w.Block($"for (i = 0; i < {n}L; i++)"))
        {
            w.Line("union { float f; int32_t b; } u;");
            w.Line("int32_t key, c = 0;");
            w.Line("u.f = x[i];");
            using (w.Block("if ((u.b & 0x7FFFFFFF) > 0x7F800000)"))
            {
                w.Line($"y[i] = ({type}){q.ZeroPoint};");
                w.Line("continue;");
            }
            w.Line("key = u.b ^ ((u.b >> 31) & 0x7FFFFFFF);");
            for (int step = 128; step >= 1; step /= 2)
                w.Line($"if (key >= t[c + {step - 1}]) c += {step};");
            w.Line($"y[i] = ({type})({q.QMin} + c);");
        }
    }
}
