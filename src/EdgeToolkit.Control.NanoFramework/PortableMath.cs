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

        /// <summary>etk_expf: e^x = 2^n e^r, |r| &lt;= ln2/2, degree-7 Taylor polynomial for e^r.</summary>
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
            return p * PowerOfTwo(h) * PowerOfTwo(n - h);
        }

        /// <summary>etk_sigmoidf: 1 / (1 + e^-x), split by sign so e^x never overflows.</summary>
        public static float Sigmoid(float x)
        {
            if (x >= 0.0f) return 1.0f / (1.0f + Exp(-x));
            float e = Exp(x);
            return e / (1.0f + e);
        }

        /// <summary>
        /// 2^e for e in [-75, 64], exactly: the C builds it from exponent bits, which C# here cannot
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
