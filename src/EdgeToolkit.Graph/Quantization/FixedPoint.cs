namespace EdgeToolkit.Graph.Quantization;

/// <summary>
/// The integer requantisation of TensorFlow Lite and CMSIS-NN in their single-rounding builds
/// (TFLITE_SINGLE_ROUNDING, CMSIS_NN_USE_SINGLE_ROUNDING): a real multiplier M is stored as a
/// Q31 mantissa and a power-of-two shift, and an int32 accumulator is scaled by one 64-bit
/// multiply and one rounding right shift. The generated C (CodeGen Runtime helper "requant") is
/// the same arithmetic line for line, so the C# reference and the C agree bit for bit on every target.
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// M = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31) (or 0 for M = 0). shift &gt; 0 is
    /// a left shift (M &gt;= 1), shift &lt;= 0 a right shift. Same as TFLite's QuantizeMultiplier.
    /// </summary>
    public static (int Multiplier, int Shift) QuantizeMultiplier(double realMultiplier)
    {
        if (realMultiplier < 0 || double.IsNaN(realMultiplier) || double.IsInfinity(realMultiplier))
            throw new ArgumentOutOfRangeException(nameof(realMultiplier), $"requantisation multiplier {realMultiplier} must be finite and >= 0");
        if (realMultiplier == 0) return (0, 0);
        // frexp: real = q * 2^shift, q in [0.5, 1).
        int shift = (int)Math.Floor(Math.Log2(realMultiplier)) + 1;
        double q = realMultiplier / Math.Pow(2, shift);
        if (q >= 1.0) { q /= 2; shift++; }
        if (q < 0.5) { q *= 2; shift--; }
        long qFixed = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed == 1L << 31) { qFixed /= 2; shift++; }
        if (shift < -31) return (0, 0);   // too small to represent: the product is 0
        if (shift > 30) throw new ArgumentOutOfRangeException(nameof(realMultiplier), $"requantisation multiplier {realMultiplier} is too large (>= 2^30)");
        return ((int)qFixed, shift);
    }

    /// <summary>The multiplier a (Multiplier, Shift) pair stands for.</summary>
    public static double RealMultiplier(int multiplier, int shift) => multiplier * Math.Pow(2, shift - 31);

    /// <summary>
    /// acc * M rounded to nearest, ties toward +infinity, with M given as (multiplier, shift):
    /// TFLite's MultiplyByQuantizedMultiplier in its TFLITE_SINGLE_ROUNDING build (CMSIS-NN's
    /// CMSIS_NN_USE_SINGLE_ROUNDING gives the same bits): one 64-bit product, one rounding shift
    /// by 31 - shift (1..62), saturated to int32. Rounding once is what float arithmetic
    /// (ONNX Runtime running the QDQ model) does too, where TFLite's default double rounding
    /// (a rounding high multiply, then a rounding shift) moves a value by one step at some ties.
    /// </summary>
    public static int MultiplyByQuantizedMultiplier(int acc, int multiplier, int shift)
    {
        if (shift is < -31 or > 30) throw new ArgumentOutOfRangeException(nameof(shift), $"requantisation shift {shift} is outside [-31, 30]");
        int total = 31 - shift;
        // |acc * multiplier| <= 2^62, so neither the product nor the rounding term overflows.
        long r = ((long)acc * multiplier + (1L << (total - 1))) >> total;
        return r > int.MaxValue ? int.MaxValue : r < int.MinValue ? int.MinValue : (int)r;
    }

    /// <summary>Requantise an accumulator to an output type: scale, add the zero point, clamp.</summary>
    public static int Requantize(int acc, int multiplier, int shift, int outputZeroPoint, int min, int max)
    {
        long v = (long)MultiplyByQuantizedMultiplier(acc, multiplier, shift) + outputZeroPoint;
        return v < min ? min : v > max ? max : (int)v;
    }

    /// <summary>Round half to even, as ONNX QuantizeLinear rounds.</summary>
    public static float RoundHalfToEven(float x) => MathF.Round(x, MidpointRounding.ToEven);
}
