namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The generated C's etk_sigmoidf and etk_expf (CodeGen/Runtime/PortableMath.cs) operation for
/// operation in float32, for forward models with sigmoid layers.
/// </summary>
public static class PortableSigmoid
{
    public static float Sigmoid(float x)
    {
        // e^-|x| never overflows.
        float e = Exp(x > 0.0f ? -x : x);
        return (x >= 0.0f ? 1.0f : e) / (1.0f + e);
    }

    /// <summary>e^x: x = n ln2 + r, e^r = 1 + r + r^2 q(r), 2^n from exponent bits in two halves, |x| capped at 104.</summary>
    public static float Exp(float x)
    {
        // The C caps |x| on the bits (etk_clamp_abs); comparisons give the same float, NaN included.
        if (x > 104.0f) x = 104.0f;
        if (x < -104.0f) x = -104.0f;
        float k = x * 1.44269504f + 12582912.0f;
        float kf = k - 12582912.0f;
        int n = (int)(BitConverter.SingleToUInt32Bits(k) - 0x4b400000u);
        float r = x - kf * 0.693359375f;
        r = r - kf * -2.12194440e-4f;
        float q = r * 1.381459366e-3f + 8.368717351e-3f;
        q = q * r + 4.166838815e-2f;
        q = q * r + 1.666652063e-1f;
        q = q * r + 4.999999345e-1f;
        int h = n / 2;
        float s1 = BitConverter.UInt32BitsToSingle((uint)(h + 127) << 23);
        float s2 = BitConverter.UInt32BitsToSingle((uint)(n - h + 127) << 23);
        return (1.0f + (r + r * r * q)) * s1 * s2;
    }
}
