namespace EdgeToolkit.Graph.Quantization;

/// <summary>
/// Scale(s) and zero point(s) of one quantized tensor: per tensor (one of each) or per channel
/// along Axis. Type is the integer type (Int8 for activations and weights, Int16 for activations in
/// the 16x8 mode, Int32 for biases).
/// </summary>
public sealed record QuantParams(float[] Scales, int[] ZeroPoints, DataType Type, int Axis = 1)
{
    public bool PerTensor => Scales.Length == 1;
    public float Scale => PerTensor ? Scales[0] : throw new InvalidOperationException("per-channel parameters have no single scale");
    public int ZeroPoint => ZeroPoints[0];

    public int QMin => Type switch
    {
        DataType.Int8 => sbyte.MinValue, DataType.UInt8 => 0, DataType.Int16 => short.MinValue, DataType.Int32 => int.MinValue,
        _ => throw new InvalidOperationException($"{Type} is not a quantized type"),
    };
    public int QMax => Type switch
    {
        DataType.Int8 => sbyte.MaxValue, DataType.UInt8 => byte.MaxValue, DataType.Int16 => short.MaxValue, DataType.Int32 => int.MaxValue,
        _ => throw new InvalidOperationException($"{Type} is not a quantized type"),
    };

    /// <summary>
    /// Asymmetric int8 for activations covering [min, max], which is widened to include 0 so that
    /// zero (padding, ReLU's floor) is exact. A degenerate range gets a tiny positive scale.
    /// </summary>
    public static QuantParams Asymmetric(float min, float max, DataType type = DataType.Int8)
    {
        min = Math.Min(min, 0f); max = Math.Max(max, 0f);
        int qmin = type == DataType.Int8 ? -128 : 0, qmax = type == DataType.Int8 ? 127 : 255;
        float scale = (max - min) / (qmax - qmin);
        if (!(scale > 0) || float.IsInfinity(scale)) scale = 1f / (qmax - qmin) * (max > 0 ? max : 1f);
        if (!(scale > 0)) scale = 1e-8f;
        int zp = (int)Math.Round(qmin - min / scale, MidpointRounding.ToEven);
        zp = Math.Clamp(zp, qmin, qmax);
        return new QuantParams(new[] { scale }, new[] { zp }, type);
    }

    /// <summary>Symmetric int8 (zero point 0, range [-127, 127]) covering [-absMax, absMax].</summary>
    public static float SymmetricScale(float absMax) => absMax > 0 && float.IsFinite(absMax) ? absMax / 127f : 1e-8f;

    /// <summary>
    /// Symmetric int16 activations for TFLite's 16x8 mode: zero point 0 and [-absMax, absMax] onto
    /// [-32767, 32767], absMax the larger end of [min, max]. A degenerate range gets a tiny positive scale.
    /// </summary>
    public static QuantParams SymmetricInt16(float min, float max)
    {
        float absMax = Math.Max(Math.Abs(min), Math.Abs(max));
        float scale = absMax > 0 && float.IsFinite(absMax) ? absMax / short.MaxValue : 1e-8f;
        return new QuantParams(new[] { scale }, new[] { 0 }, DataType.Int16);
    }

    public int Quantize(float x, int channel = 0)
    {
        float s = Scales[PerTensor ? 0 : channel];
        int z = ZeroPoints[PerTensor ? 0 : channel];
        float v = FixedPoint.RoundHalfToEven(x / s) + z;
        return float.IsNaN(v) ? z : v < QMin ? QMin : v > QMax ? QMax : (int)v;
    }

    public float Dequantize(int q, int channel = 0) =>
        (q - ZeroPoints[PerTensor ? 0 : channel]) * Scales[PerTensor ? 0 : channel];
}
