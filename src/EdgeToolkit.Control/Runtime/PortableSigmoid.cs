namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The generated C's etk_sigmoidf and etk_expf (CodeGen/Runtime/PortableMath.cs) operation for
/// operation in float32, for forward models with sigmoid layers.
/// </summary>
public static class PortableSigmoid
{
    public static float Sigmoid(float x)
    {
        // Split by sign so e^x never overflows.
        if (x >= 0.0f) return 1.0f / (1.0f + Exp(-x));
        float e = Exp(x);
        return e / (1.0f + e);
    }

    /// <summary>e^x: x = n ln2 + r, a degree-7 polynomial for e^r, 2^n from exponent bits in two halves.</summary>
    public static float Exp(float x)
    {
        if (float.IsNaN(x)) return x;
        if (x > 88.72283935546875f) return float.PositiveInfinity;
        if (x < -103.972084f) return 0.0f;
        int n = (int)(x * 1.44269504f + (x >= 0.0f ? 0.5f : -0.5f));
        float r = x - (float)n * 0.693359375f;
        r = r - (float)n * -2.12194440e-4f;
        float p = 1.98412698e-4f;
        p = p * r + 1.38888889e-3f;
        p = p * r + 8.33333333e-3f;
        p = p * r + 4.16666667e-2f;
        p = p * r + 1.66666667e-1f;
        p = p * r + 0.5f;
        p = p * r + 1.0f;
        p = p * r + 1.0f;
        int h = n / 2;
        float s1 = BitConverter.UInt32BitsToSingle((uint)(h + 127) << 23);
        float s2 = BitConverter.UInt32BitsToSingle((uint)(n - h + 127) << 23);
        return p * s1 * s2;
    }
}
