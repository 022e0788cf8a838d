using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// DynamicQuantizeLinear (opset 11): x float32 to uint8 with parameters found at run time over
/// the whole tensor, in float32 in the order of the ONNX reference and ONNX Runtime:
/// range [min(0, min x), max(0, max x)], y_scale = (max - min) / 255, or 1 when the range is
/// empty (x all zeros; a scale of 0 would divide by zero), y_zero_point =
/// round_half_to_even(clamp(0 - min / y_scale, 0, 255)), y = saturate(round_half_to_even(x /
/// y_scale) + y_zero_point). NaN elements take no part in the range and give the zero point.
/// Outputs: y, y_scale (float scalar), y_zero_point (uint8 scalar).
/// </summary>
public sealed class DynamicQuantizeLinearOperator : IOperator
{
    public string OpType => "DynamicQuantizeLinear";

    public string? CheckSupported(ShapeContext ctx) =>
        ctx.InputType(0) == DataType.Float32 ? null : $"DynamicQuantizeLinear input must be float32, not {ctx.InputType(0).OnnxName()}";

    public void InferShapes(ShapeContext ctx)
    {
        ctx.SetOutput(0, DataType.UInt8, ctx.InputShape(0));
        ctx.SetOutput(1, DataType.Float32, new SymShape(Array.Empty<Dim>()));
        ctx.SetOutput(2, DataType.UInt8, new SymShape(Array.Empty<Dim>()));
    }

    public void Evaluate(EvalContext ctx)
    {
        var input = ctx.Input(0);
        var x = input.Floats;
        var (scale, zero) = Parameters(x);
        var y = new byte[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float v = FixedPoint.RoundHalfToEven(x[i] / scale) + zero;
            y[i] = float.IsNaN(v) ? zero : v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
        }
        ctx.SetOutput(0, new Tensor(DataType.UInt8, input.Shape, y));
        ctx.SetOutput(1, new Tensor(DataType.Float32, Array.Empty<int>(), new[] { scale }));
        ctx.SetOutput(2, new Tensor(DataType.UInt8, Array.Empty<int>(), new[] { zero }));
    }

    /// <summary>The scale and zero point of x, float32 step by step as the reference computes them.</summary>
    public static (float Scale, byte ZeroPoint) Parameters(float[] x)
    {
        float lo = 0f, hi = 0f;
        foreach (var v in x)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        float scale = hi == lo ? 1f : (hi - lo) / 255f;
        float zero = 0f - lo / scale;
        zero = zero < 0f ? 0f : zero > 255f ? 255f : zero;
        return (scale, (byte)FixedPoint.RoundHalfToEven(zero));
    }
}
