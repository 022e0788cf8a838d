namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The generated C's etk_tanhf, etk_expf and etk_sigmoidf (EdgeToolkit.CodeGen/Runtime/
    /// PortableMath.cs) ported operation for operation, so that this model computes the same floats
    /// as the firmware: same constants, same evaluation order, no fused multiply-add.
    /// </summary>
    public static class PortableMath
    {
        /// <summary>etk_tanhf: x P(x^2) / Q(x^2) on x clamped to [-8.6, 8.6] (max error 6.7e-7).</summary>
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

        /// <summary>etk_expf: e^x = 2^n e^r, |r| &lt;= ln2/2, e^r = 1 + r + r^2 q(r), |x| capped at 104.</summary>
        public static float Exp(float x)
        {
            // The C caps |x| on the bits (etk_clamp_abs) and lets NaN propagate; comparisons give
            // the same float, and (int) of NaN below would not be a number of doublings.
            if (float.IsNaN(x)) return x;
            if (x > 104.0f) x = 104.0f;
            if (x < -104.0f) x = -104.0f;
            float k = x * 1.44269504f + 12582912.0f;
            float kf = k - 12582912.0f;
            int n = (int)kf; // the C reads n from k's low bits: the same integer
            float r = x - kf * 0.693359375f;
            r = r - kf * -2.12194440e-4f;
            float q = r * 1.381459366e-3f + 8.368717351e-3f;
            q = q * r + 4.166838815e-2f;
            q = q * r + 1.666652063e-1f;
            q = q * r + 4.999999345e-1f;
            int h = n / 2;
            return (1.0f + (r + r * r * q)) * PowerOfTwo(h) * PowerOfTwo(n - h);
        }

        /// <summary>etk_sigmoidf: 1 / (1 + e^-x) for x &gt;= 0, e^x / (1 + e^x) below, so e^x never overflows.</summary>
        public static float Sigmoid(float x)
        {
            float e = Exp(x > 0.0f ? -x : x);
            return (x >= 0.0f ? 1.0f : e) / (1.0f + e);
        }

        /// <summary>
        /// 2^e for e in [-75, 75], exactly: the C builds it from exponent bits, which C# here cannot
        /// do without BitConverter; powers of two in that range are normal floats, so repeated
        /// doubling or halving is exact and gives the same value.
        /// </summary>
        private static float PowerOfTwo(int e)
        {
            float factor = e < 0 ? 0.5f : 2.0f;
            int count = e < 0 ? -e : e;
            float r = 1.0f;
            for (int i = 0; i < count; i++) r *= factor;
            return r;
        }
    }
}
