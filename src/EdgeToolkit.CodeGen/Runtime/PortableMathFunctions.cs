namespace EdgeToolkit.CodeGen.Runtime;

/// <summary>
/// The rounding, trigonometric and hyperbolic helpers of PortableMath (same rules: + - * /,
/// comparisons and bit fields only). Accuracy is stated per function; the ONNX conformance cases
/// check each against the ONNX reference within atol 1e-4 / rtol 1e-4.
/// </summary>
public static partial class PortableMath
{
    private const string Floor = """
        /* floor(x): truncate through int32 below 2^23 (above, every float is an integer), step down
           for negative non-integers. NaN and infinities come back as they are. */
        static float etk_floorf(float x)
        {
            float t;
            if (!(x > -8388608.0f && x < 8388608.0f)) return x;
            t = (float)(int32_t)x;
            return t > x ? t - 1.0f : t;
        }
        """;

    private const string Ceil = """
        /* ceil(x) = -floor(-x) */
        static float etk_ceilf(float x)
        {
            return -etk_floorf(-x);
        }
        """;

    private const string RoundHalfEven = """
        /* round(x) with halves to even (ONNX Round): below 2^22, adding 1.5 * 2^23 lands where the
           float spacing is 1, so the addition itself rounds half to even and the subtraction is exact. */
        static float etk_roundf(float x)
        {
            if (!(x > -4194304.0f && x < 4194304.0f)) return x;
            return (x + 12582912.0f) - 12582912.0f;
        }
        """;

    private const string SinCosQuadrant = """
        /* x = n * pi/2 + r with |r| <= pi/4 (pi/2 in three parts, Cody-Waite, exact for |n| < 2^16, so
           accurate for |x| below about 1e5); returns n mod 4 and the sine and cosine of r as Cephes'
           sinf/cosf polynomials (error ~1e-7). */
        static int etk_sincos_quadrant(float x, float *s, float *c)
        {
            int n = (int)(x * 0.636619772f + (x >= 0.0f ? 0.5f : -0.5f));
            float r = ((x - (float)n * 1.5703125f) - (float)n * 4.83751296997070312e-4f) - (float)n * 7.54978995489188216e-8f;
            float z = r * r;
            *s = r + r * z * ((-1.9515295891e-4f * z + 8.3321608736e-3f) * z - 1.6666654611e-1f);
            *c = 1.0f - 0.5f * z + z * z * ((2.443315711809948e-5f * z - 1.388731625493765e-3f) * z + 4.166664568298827e-2f);
            return n & 3;
        }
        """;

    private const string Sin = """
        static float etk_sinf(float x)
        {
            float s, c;
            int q;
            if (x != x || x - x != 0.0f) return x - x;
            q = etk_sincos_quadrant(x, &s, &c);
            return q == 0 ? s : q == 1 ? c : q == 2 ? -s : -c;
        }
        """;

    private const string Cos = """
        static float etk_cosf(float x)
        {
            float s, c;
            int q;
            if (x != x || x - x != 0.0f) return x - x;
            q = etk_sincos_quadrant(x, &s, &c);
            return q == 0 ? c : q == 1 ? -s : q == 2 ? -c : s;
        }
        """;

    private const string Tan = """
        static float etk_tanf(float x)
        {
            return etk_sinf(x) / etk_cosf(x);
        }
        """;

    private const string Atan = """
        /* atan(x), Cephes atanf: reduced to |x| <= tan(pi/8) through pi/2 - atan(1/x) and
           pi/4 + atan((x-1)/(x+1)), then an odd degree-9 polynomial (error ~1e-7). */
        static float etk_atanf(float x)
        {
            float a = x < 0.0f ? -x : x, y = 0.0f, z;
            if (x != x) return x;
            if (a > 2.414213562f) { y = 1.570796327f; a = -1.0f / a; }
            else if (a > 0.414213562f) { y = 0.785398163f; a = (a - 1.0f) / (a + 1.0f); }
            z = a * a;
            y += (((8.05374449538e-2f * z - 1.38776856032e-1f) * z + 1.99777106478e-1f) * z - 3.33329491539e-1f) * z * a + a;
            return x < 0.0f ? -y : y;
        }
        """;

    private const string Asin = """
        /* asin(x) = atan(x / sqrt((1 - x)(1 + x))); NaN outside [-1, 1]. */
        static float etk_asinf(float x)
        {
            float d;
            if (!(x >= -1.0f && x <= 1.0f)) return (x - x) / (x - x);
            d = etk_sqrtf((1.0f - x) * (1.0f + x));
            if (d == 0.0f) return x > 0.0f ? 1.570796327f : -1.570796327f;
            return etk_atanf(x / d);
        }
        """;

    private const string Acos = """
        /* acos(x) = 2 atan(sqrt((1 - x) / (1 + x))), accurate near both ends; NaN outside [-1, 1]. */
        static float etk_acosf(float x)
        {
            if (!(x >= -1.0f && x <= 1.0f)) return (x - x) / (x - x);
            if (x == -1.0f) return 3.141592654f;
            return 2.0f * etk_atanf(etk_sqrtf((1.0f - x) / (1.0f + x)));
        }
        """;

    private const string Sinh = """
        /* sinh(x): a Taylor polynomial below |x| = 0.5 (keeps relative accuracy near 0), else
           (e^x - e^-x) / 2. */
        static float etk_sinhf(float x)
        {
            float a = x < 0.0f ? -x : x, z, e;
            if (a < 0.5f) {
                z = x * x;
                return x + x * z * (((2.7557319e-6f * z + 1.98412698e-4f) * z + 8.33333333e-3f) * z + 1.66666667e-1f);
            }
            e = etk_expf(a);
            e = 0.5f * (e - 1.0f / e);
            return x < 0.0f ? -e : e;
        }
        """;

    private const string Cosh = """
        static float etk_coshf(float x)
        {
            float e = etk_expf(x < 0.0f ? -x : x);
            return 0.5f * (e + 1.0f / e);
        }
        """;

    private const string Asinh = """
        /* asinh(x) = sign(x) ln(|x| + sqrt(x^2 + 1)); x - x^3/6 near 0; ln(2|x|) where x^2 would overflow. */
        static float etk_asinhf(float x)
        {
            float a = x < 0.0f ? -x : x, y;
            if (x != x) return x;
            if (a < 1e-3f) return x - x * x * x * 0.166666667f;
            y = a > 1e18f ? etk_logf(a) + 0.693147181f : etk_logf(a + etk_sqrtf(a * a + 1.0f));
            return x < 0.0f ? -y : y;
        }
        """;

    private const string Acosh = """
        /* acosh(x) = ln(x + sqrt((x - 1)(x + 1))) for x >= 1 (NaN below); ln(2x) where x^2 would overflow. */
        static float etk_acoshf(float x)
        {
            if (!(x >= 1.0f)) return (x - x) / (x - x);
            if (x > 1e18f) return etk_logf(x) + 0.693147181f;
            return etk_logf(x + etk_sqrtf((x - 1.0f) * (x + 1.0f)));
        }
        """;

    private const string Atanh = """
        /* atanh(x) = ln((1 + x) / (1 - x)) / 2; x + x^3/3 near 0; +-inf at +-1, NaN beyond. */
        static float etk_atanhf(float x)
        {
            float a = x < 0.0f ? -x : x;
            if (a < 1e-3f) return x + x * x * x * 0.333333333f;
            return 0.5f * etk_logf((1.0f + x) / (1.0f - x));
        }
        """;

    private const string Softplus = """
        /* ln(1 + e^x), as x + ln(1 + e^-x) for x > 0 so e^x never overflows. */
        static float etk_softplusf(float x)
        {
            if (x > 0.0f) return x + etk_logf(1.0f + etk_expf(-x));
            return etk_logf(1.0f + etk_expf(x));
        }
        """;

    private const string PowInteger = """
        /* a^b on integers by repeated squaring, wrapping like the reference's fixed-width types;
           a negative exponent gives the integer part of 1 / a^|b| (0 unless a is 1 or -1). */
        static int64_t etk_powi(int64_t a, int64_t b)
        {
            uint64_t r = 1, base = (uint64_t)a;
            if (b < 0) return a == 1 ? 1 : a == -1 ? ((-b) & 1 ? -1 : 1) : 0;
            while (b) { if (b & 1) r *= base; base *= base; b >>= 1; }
            return (int64_t)r;
        }
        """;
}
