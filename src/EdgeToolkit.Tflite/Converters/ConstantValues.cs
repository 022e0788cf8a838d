using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>Constants read as numbers: dequantized floats, and int32/int64 index lists (axes, paddings).</summary>
internal static class ConstantValues
{
    /// <summary>scale * (q - zero point) per element (per channel along the quantized axis), as DequantizeLinear computes it.</summary>
    public static Tensor AsFloat(Tensor value, TfliteQuantization? q)
    {
        if (q == null) return value.Type == DataType.Float32 ? value : Tensor.FromFloats(value.Shape, value.ToFloatArray());
        var strides = Tensor.Strides(value.Shape);
        var result = new float[value.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int c = q.PerChannel ? i / strides[q.Axis] % value.Shape[q.Axis] : 0;
            result[i] = (float)(value.GetInt64(i) - q.ZeroPoints[c]) * q.Scales[c];
        }
        return Tensor.FromFloats(value.Shape, result);
    }

    public static long[] AsLongs(Tensor value) => TensorValues.ToLongs(value);
}
