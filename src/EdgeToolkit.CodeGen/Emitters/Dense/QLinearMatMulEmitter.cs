using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// QLinearMatMul (opsets 10 and 21): the exact int32 sums of MatMulInteger (IntegerMatMulWriter),
/// then the ONNX reference's requantisation, which the evaluator (Graph/Ops/Dense/QLinearMatMulOp)
/// follows too: scale = a_scale * b_scale / y_scale in float, sum * scale + y_zero_point in double,
/// rounded half to even and saturated by etk_rint_sat_d. Doubles are IEEE on every target
/// (soft-float on Cortex-M), so the bits are the same everywhere. With constant scales and a per-tensor
/// a_scale, the float scales are worked out here, in the same float operations.
/// </summary>
public sealed class QLinearMatMulEmitter : IKernelEmitter
{
    private static readonly IntegerMatMulInputs Inputs = new(A: 0, AZero: 2, B: 3, BZero: 5);

    public string OpType => "QLinearMatMul";

    public string? CheckSupported(KernelContext ctx)
    {
        if (ctx.OutputType(0) is not (DataType.Int8 or DataType.UInt8)) return "QLinearMatMul output must be int8 or uint8";
        foreach (int i in new[] { 1, 4, 6 })
            if (ctx.InputType(i) != DataType.Float32) return $"QLinearMatMul scale input {i} must be float32";
        foreach (int i in new[] { 6, 7 })
            if (Tensor.ElementCountOf(ctx.InputShape(i)) != 1) return $"QLinearMatMul input {i} must hold one value";
        return IntegerMatMulWriter.Check(ctx, Inputs)
            ?? IntegerMatMulWriter.CheckParam(ctx, 1, Inputs.A, ofA: true) ?? IntegerMatMulWriter.CheckParam(ctx, 4, Inputs.B, ofA: false);
    }

    public long ScratchBytes(KernelContext ctx) => IntegerMatMulWriter.ScratchBytes(ctx, Inputs);

    public long Macs(KernelContext ctx) => IntegerMatMulWriter.Macs(ctx, Inputs);

    public void Emit(KernelContext ctx)
    {
        var w = ctx.Code;
        var yType = ctx.OutputType(0);
        var (lo, hi) = yType == DataType.UInt8 ? (0, 255) : (-128, 127);
        string rint = ctx.UseHelper("rint_sat_d");
        w.Line($"/* QLinearMatMul '{CNames.Comment(ctx.Node.Name)}': int32 sums of (a - a_zero_point) * (b - b_zero_point), then " +
               $"saturate(round_half_to_even(sum * (a_scale * b_scale / y_scale) + y_zero_point)) to {yType.OnnxName()}: the scale in float, the rest in double, as the ONNX reference */");
        string scale = DeclareScales(ctx);
        w.Line($"const int32_t y_zero = {ctx.In(7)}[0];");
        IntegerMatMulWriter.Write(ctx, Inputs, r =>
            w.Line($"{r.Y} = ({yType.CType()}){rint}((double){r.Sum} * (double){scale.Replace("ROW", r.Row).Replace("COL", r.Column)} + y_zero, {lo}, {hi});"));
    }

    /// <summary>Declares what the scale needs and returns its C expression, with ROW and COL standing for the row of a and column of b.</summary>
    private static string DeclareScales(KernelContext ctx)
    {
        var w = ctx.Code;
        int n = MatMulShape.Of(ctx.InputShape(0), ctx.InputShape(3)).N;
        var (aScale, bScale, yScale) = (ctx.Constant(1), ctx.Constant(4), ctx.Constant(6));
        if (aScale is { Length: 1 } && bScale != null && yScale != null)
        {
            // The same float operations as the kernel would do, once per column, here.
            var scales = bScale.Floats.Select(b => aScale.Floats[0] * b / yScale.Floats[0]).ToArray();
            if (scales.Length == 1) return CNames.Float(scales[0]);
            w.Line($"const float *scale = {ctx.AddConstant(ctx.Node.Name + "_scales", Tensor.FromFloats(new[] { n }, scales))}; /* a_scale * b_scale[n] / y_scale */");
            return "scale[COL]";
        }
        w.Line($"const float y_scale = {ctx.In(6)}[0];");
        string a = IntegerMatMulWriter.Param(ctx, 1, 0, ofA: true, "ROW"), b = IntegerMatMulWriter.Param(ctx, 4, 3, ofA: false, "COL");
        return $"({a} * {b} / y_scale)";
    }
}
