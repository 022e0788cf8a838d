using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Import;

/// <summary>
/// A TFLite tensor's scale and zero point as the constant inputs of ONNX QuantizeLinear /
/// DequantizeLinear: scalars per tensor, or vectors with an axis per channel (TFLite's
/// quantized_dimension, moved with the tensor when its layout changes).
/// </summary>
internal static class QdqParameters
{
    /// <summary>Types TFLite quantizes and ONNX (opset 13) can dequantize; int16 (the 16x8 mode) needs opset 21.</summary>
    public static bool IsQuantizedType(DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int32;

    public static Tensor Scale(TfliteQuantization q) => q.PerChannel
        ? Tensor.FromFloats(new[] { q.Scales.Length }, (float[])q.Scales.Clone())
        : new Tensor(DataType.Float32, Array.Empty<int>(), new[] { q.Scales[0] });

    public static Tensor ZeroPoint(TfliteQuantization q, DataType type)
    {
        int[] shape = q.PerChannel ? new[] { q.ZeroPoints.Length } : Array.Empty<int>();
        long[] z = q.PerChannel ? q.ZeroPoints : new[] { q.ZeroPoints[0] };
        Array data = type switch
        {
            DataType.Int8 => z.Select(v => (sbyte)v).ToArray(),
            DataType.UInt8 => z.Select(v => (byte)v).ToArray(),
            DataType.Int32 => z.Select(v => (int)v).ToArray(),
            _ => throw new ArgumentException($"{type} is not a quantized type the importer maps"),
        };
        return new Tensor(type, shape, data);
    }

    /// <summary>Whether every zero point fits the stored type (a file may hold any int64).</summary>
    public static bool ZeroPointsFit(TfliteQuantization q, DataType type) => q.ZeroPoints.All(z => type switch
    {
        DataType.Int8 => z is >= sbyte.MinValue and <= sbyte.MaxValue,
        DataType.UInt8 => z is >= 0 and <= byte.MaxValue,
        DataType.Int32 => z == 0,   // ONNX DequantizeLinear takes int32 only with a zero point of 0 (TFLite biases have one)
        _ => false,
    });

    public static bool SameParameters(TfliteQuantization? a, TfliteQuantization? b) =>
        a == null ? b == null : b != null && a.Scales.SequenceEqual(b.Scales) && a.ZeroPoints.SequenceEqual(b.ZeroPoints);
}
