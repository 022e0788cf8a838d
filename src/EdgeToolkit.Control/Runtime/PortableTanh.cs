namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The generated C's etk_tanhf (CodeGen/Runtime/PortableMath.cs) operation for operation in
/// float32, so the .NET controller sees the same model outputs as the firmware: x clamped to
/// [-8.6, 8.6], then x P(x^2) / Q(x^2). .NET does not fuse multiply-adds on its own, which
/// matches the C built with -ffp-contract=off.
/// </summary>
public static class PortableTanh
{
    public static float Tanh(float x)
    {
        if (x > 8.6f) x = 8.6f;
        if (x < -8.6f) x = -8.6f;
        float x2 = x * x;
        float p = x2 * -5.455301099743792e-09f + 6.7658820626093075e-06f;
        p = x2 * p + 0.0026423914823681116f;
        p = x2 * p + 0.12658849358558655f;
        p = x2 * p + 1.0f;
        float q = x2 * 0.00018987013027071953f + 0.02261912077665329f;
        q = x2 * q + 0.4599192440509796f;
        q = x2 * q + 1.0f;
        return x * p / q;
    }
}
