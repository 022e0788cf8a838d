namespace EdgeToolkit.Graph.Quantization;

/// <summary>
/// The integer requantisation of TensorFlow Lite (reference kernels) and CMSIS-NN (default,
/// double-rounding build): a real multiplier M is stored as a Q31 mantissa and a power-of-two
/// shift, and an int32 accumulator is scaled by SaturatingRoundingDoublingHighMul followed by a
/// rounding right shift. The generated C (CodeGen Runtime helper "requant") is the same
/// arithmetic line for line, so the C# reference and the C agree bit for bit on every target.
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

    /// <summary>(a * b * 2) / 2^32 rounded to nearest (ties away from zero), saturating the one overflow case.</summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue) return int.MaxValue;
        long ab = (long)a * b;
        long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((ab + nudge) / (1L << 31));   // C division: truncates toward zero
    }

    /// <summary>x / 2^exponent rounded to nearest, ties away from zero (exponent 0..31).</summary>
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>acc * M, M given as (multiplier, shift): TFLite's MultiplyByQuantizedMultiplier.</summary>
    public static int MultiplyByQuantizedMultiplier(int acc, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        // The left shift wraps in int32 like the C (unsigned shift then cast); callers keep it in range.
        int shifted = unchecked((int)((uint)acc << leftShift));
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, multiplier), rightShift);
    }

    /// <summary>Requantise an accumulator to an output type: scale, add the zero point, clamp.</summary>
    public static int Requantize(int acc, int multiplier, int shift, int outputZeroPoint, int min, int max)
    {
        int v = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + outputZeroPoint;
        return v < min ? min : v > max ? max : v;
    }

    /// <summary>Round half to even, as ONNX QuantizeLinear rounds.</summary>
    public static float RoundHalfToEven(float x) => MathF.Round(x, MidpointRounding.ToEven);
}
