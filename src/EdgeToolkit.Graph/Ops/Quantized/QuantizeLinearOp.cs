using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// QuantizeLinear (opsets 10-21): y = saturate(round_half_to_even(x / scale) + zero_point) to
/// int8, uint8 (when the zero point is omitted) or int16 (opset 21; the 16x8 activations).
/// Scale and zero point are scalars, or 1-D
/// along `axis` (opset 13+). Blocked quantization (opset 21 block_size) and float8 outputs are refused.
/// The division is done in float32, as ONNX Runtime does, so results match it exactly.
/// </summary>
public sealed class QuantizeLinearOperator : IOperator
{
    public string OpType => "QuantizeLinear";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputType(0) != DataType.Float32) return $"QuantizeLinear input must be float32, got {ctx.InputType(0).OnnxName()}";
        if (ctx.InputType(1) != DataType.Float32) return "QuantizeLinear scale must be float32";
        if (ctx.HasInput(2) && !IsSupported(ctx.InputType(2)))
            return $"QuantizeLinear to {ctx.InputType(2).OnnxName()} is not supported (int8, uint8 and int16 are)";
        if (ctx.Node.GetInt("block_size", 0) != 0) return "blocked quantization (block_size) is not supported";
        if (ctx.Node.HasAttribute("output_dtype") && ctx.Node.GetInt("output_dtype", 0) is var t && t != 0 && !IsSupported((DataType)t))
            return $"QuantizeLinear output_dtype {t} is not supported (int8, uint8 and int16 are)";
        if (OutputType(ctx.Node, ctx.HasInput(2) ? ctx.InputType(2) : null) == DataType.Int16 && ctx.Opset < 21) return "int16 QuantizeLinear needs opset 21";
        return QuantAxis.Check(ctx, 1);
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, OutputType(ctx.Node, ctx.HasInput(2) ? ctx.InputType(2) : null), ctx.InputShape(0));

    private static bool IsSupported(DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int16;

    public static DataType OutputType(Node node, DataType? zeroPointType)
    {
        if (zeroPointType is DataType z) return z;
        long t = node.GetInt("output_dtype", 0);
        return t is (int)DataType.Int8 or (int)DataType.Int16 ? (DataType)t : DataType.UInt8;
    }

    /// <summary>The integer range of a quantized type this operator writes.</summary>
    public static (int Min, int Max) Range(DataType t) => t switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        _ => (byte.MinValue, byte.MaxValue),
    };

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0).Floats;
        var shape = ctx.Input(0).Shape;
        var scale = ctx.Input(1).Floats;
        var zp = ctx.OptionalInput(2);
        var type = OutputType(ctx.Node, zp?.Type);
        var zero = zp != null ? TensorValues.ToLongs(zp) : new long[scale.Length];
        var (lo, hi) = Range(type);
        var (outer, channels, inner) = QuantAxis.Layout(shape, scale.Length, (int)ctx.Node.GetInt("axis", 1));
        var q = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = channels == 1 ? 0 : i / inner % channels;
            float v = FixedPoint.RoundHalfToEven(x[i] / scale[c]) + zero[c];
            q[i] = float.IsNaN(v) ? (int)zero[c] : v < lo ? lo : v > hi ? hi : (int)v;
        }
        ctx.SetOutput(0, type switch
        {
            DataType.Int8 => new Tensor(DataType.Int8, shape, q.Select(v => (sbyte)v).ToArray()),
            DataType.Int16 => new Tensor(DataType.Int16, shape, q.Select(v => (short)v).ToArray()),
            _ => new Tensor(DataType.UInt8, shape, q.Select(v => (byte)v).ToArray()),
        });
    }
}

/// <summary>
/// DequantizeLinear (opsets 10-21): y = (x - zero_point) * scale in float32, for int8, uint8,
/// int16 (opset 21) and int32 (biases) inputs; per tensor or along `axis`.
/// </summary>
public sealed class DequantizeLinearOperator : IOperator
{
    public string OpType => "DequantizeLinear";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputType(0) is not (DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.Int32))
            return $"DequantizeLinear from {ctx.InputType(0).OnnxName()} is not supported (int8, uint8, int16 and int32 are)";
        if (ctx.InputType(1) != DataType.Float32) return "DequantizeLinear scale must be float32";
        if (ctx.Node.GetInt("block_size", 0) != 0) return "blocked quantization (block_size) is not supported";
        if (ctx.InputType(0) == DataType.Int16 && ctx.Opset < 21) return "int16 DequantizeLinear needs opset 21";
        return TypeSupport.RequireSame(ctx, 0, 2) ?? QuantAxis.Check(ctx, 1);
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Float32, ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var xt = ctx.Input(0);
        var x = TensorValues.ToLongs(xt);
        var scale = ctx.Input(1).Floats;
        var zp = ctx.OptionalInput(2);
        var zero = zp != null ? TensorValues.ToLongs(zp) : new long[scale.Length];
        var (outer, channels, inner) = QuantAxis.Layout(xt.Shape, scale.Length, (int)ctx.Node.GetInt("axis", 1));
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = channels == 1 ? 0 : i / inner % channels;
            y[i] = (float)(x[i] - zero[c]) * scale[c];
        }
        ctx.SetOutput(0, Tensor.FromFloats(xt.Shape, y));
    }
}

/// <summary>Per-axis quantization parameters: where the channel index of element i comes from.</summary>
public static class QuantAxis
{
    public static string? Check(ShapeContext ctx, int scaleInput)
    {
        var s = ctx.InputShape(scaleInput);
        if (!s.HasRank) return null;
        if (s.Rank > 1) return "QuantizeLinear/DequantizeLinear scale must be a scalar or 1-D";
        if (s.Rank == 1 && ctx.Opset < 13 && s.ElementCount != 1) return "per-axis scales need opset 13 or later";
        if (ctx.HasInput(scaleInput + 1) && ctx.InputShape(scaleInput + 1) is { HasRank: true } z && ctx.InputShape(scaleInput).ElementCount is long ns && z.ElementCount is long nz && ns != nz)
            return $"zero point has {nz} elements but scale has {ns}";
        return null;
    }

    /// <summary>(outer, channels, inner) so that element i is in channel i / inner % channels.</summary>
    public static (int Outer, int Channels, int Inner) Layout(int[] shape, int scaleCount, int axis)
    {
        if (scaleCount == 1) return (1, 1, 1);
        if (axis < 0) axis += shape.Length;
        if (axis < 0 || axis >= shape.Length || shape[axis] != scaleCount)
            throw new ArgumentException($"{scaleCount} scales do not match axis {axis} of shape [{string.Join("x", shape)}]");
        int inner = 1; for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        int outer = 1; for (int d = 0; d < axis; d++) outer *= shape[d];
        return (outer, scaleCount, inner);
    }
}
