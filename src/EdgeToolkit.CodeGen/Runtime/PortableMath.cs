namespace EdgeToolkit.CodeGen.Runtime;

/// <summary>
/// Math functions for generated C made of + - * /, comparisons and float bit fields only: no
/// libm, so results are bit-identical on every target when compiled with -ffp-contract=off
/// (libm differs by an ulp between newlib and glibc and costs RAM on an MCU). Each is a static
/// function emitted into model.c only when a kernel asks for it. exp, erf, tanh and sigmoid have
/// no early returns (range limits are magnitude caps and bitwise selects), so that GCC vectorises
/// the elementwise loops calling them on host and AArch64 (-O2 and up); see Vector for what a
/// Cortex-M does differently, with the same operations and so the same bits.
/// </summary>
public static partial class PortableMath
{
    private sealed record Helper(string Function, string[] Needs, string Code);

    /// <summary>Helper name (as kernels ask for it) -> its C function, what it calls, its code.</summary>
    private static readonly Dictionary<string, Helper> Helpers = new()
    {
        ["exp"] = new("etk_expf", new[] { "vector", "clamp_abs" }, Exp),
        ["tanh"] = new("etk_tanhf", new[] { "vector", "clamp_abs" }, Tanh),
        ["sigmoid"] = new("etk_sigmoidf", new[] { "vector", "exp", "select" }, Sigmoid),
        ["log"] = new("etk_logf", Array.Empty<string>(), Log),
        ["sqrt"] = new("etk_sqrtf", Array.Empty<string>(), Sqrt),
        ["erf"] = new("etk_erff", new[] { "vector", "exp", "clamp_abs", "select" }, Erf),
        ["pow"] = new("etk_powf", new[] { "exp", "log" }, Pow),
        ["requant"] = new("etk_requantize", Array.Empty<string>(), Requantize),
        ["dsp_s8"] = new("etk_s8x4", new[] { "sxtb16_ror8" }, DspS8),
        ["sxtb16_ror8"] = new("etk_sxtb16_ror8", Array.Empty<string>(), Sxtb16Ror8),
        ["clamp"] = new("etk_clamp", Array.Empty<string>(), Clamp),
        ["sat_s8"] = new("etk_sat_s8", Array.Empty<string>(), SatS8),
        ["dsp_s16"] = new("etk_s16x2", new[] { "dsp_s8" }, DspS16),
        ["sat_s16"] = new("etk_sat_s16", Array.Empty<string>(), SatS16),
        ["rint_sat_f"] = new("etk_rint_sat_f", Array.Empty<string>(), RintSatF),
        ["rint_sat_d"] = new("etk_rint_sat_d", Array.Empty<string>(), RintSatD),
        ["floor"] = new("etk_floorf", Array.Empty<string>(), Floor),
        ["ceil"] = new("etk_ceilf", new[] { "floor" }, Ceil),
        ["round"] = new("etk_roundf", Array.Empty<string>(), RoundHalfEven),
        ["sin"] = new("etk_sinf", new[] { "sincos" }, Sin),
        ["cos"] = new("etk_cosf", new[] { "sincos" }, Cos),
        ["sincos"] = new("etk_sincos_quadrant", Array.Empty<string>(), SinCosQuadrant),
        ["tan"] = new("etk_tanf", new[] { "sin", "cos" }, Tan),
        ["atan"] = new("etk_atanf", Array.Empty<string>(), Atan),
        ["asin"] = new("etk_asinf", new[] { "atan", "sqrt" }, Asin),
        ["acos"] = new("etk_acosf", new[] { "atan", "sqrt" }, Acos),
        ["sinh"] = new("etk_sinhf", new[] { "exp" }, Sinh),
        ["cosh"] = new("etk_coshf", new[] { "exp" }, Cosh),
        ["asinh"] = new("etk_asinhf", new[] { "log", "sqrt" }, Asinh),
        ["acosh"] = new("etk_acoshf", new[] { "log", "sqrt" }, Acosh),
        ["atanh"] = new("etk_atanhf", new[] { "log" }, Atanh),
        ["softplus"] = new("etk_softplusf", new[] { "exp", "log" }, Softplus),
        ["powi"] = new("etk_powi", Array.Empty<string>(), PowInteger),
        ["vector"] = new("ETK_VECTOR", Array.Empty<string>(), Vector),
        ["clamp_abs"] = new("etk_clamp_abs", new[] { "vector" }, ClampAbs),
        ["select"] = new("etk_select", Array.Empty<string>(), Select),
    };

    public static IEnumerable<string> Names => Helpers.Keys;

    /// <summary>The C function name of a helper; throws for an unknown helper (a bug in an emitter).</summary>
    public static string FunctionName(string helper) =>
        Helpers.TryGetValue(helper, out var h) ? h.Function : throw new ArgumentException($"no portable math helper '{helper}' (have: {string.Join(", ", Names)})");

    /// <summary>The C code of the requested helpers and what they call, each once, callees first.</summary>
    public static string Code(IEnumerable<string> requested)
    {
        var order = new List<string>();
        void Visit(string name)
        {
            if (order.Contains(name)) return;
            FunctionName(name);
            foreach (var n in Helpers[name].Needs) Visit(n);
            order.Add(name);
        }
        foreach (var r in requested.OrderBy(r => r, StringComparer.Ordinal)) Visit(r);
        return string.Join("\n", order.Select(n => Helpers[n].Code.TrimEnd() + "\n"));
    }

    /// <summary>
    /// Graph/Quantization/FixedPoint.MultiplyByQuantizedMultiplier line for line (TFLite / CMSIS-NN
    /// single-rounding arithmetic). RequantizeHelperTests compares it with FixedPoint on edge cases.
    /// </summary>
    private const string Requantize = """
        /* acc * multiplier * 2^(shift - 31) rounded to nearest, ties up, saturated to int32 (shift in
           [-31, 30]): one 64-bit product and one rounding shift, as TFLite (TFLITE_SINGLE_ROUNDING)
           and CMSIS-NN (CMSIS_NN_USE_SINGLE_ROUNDING) do. |acc * multiplier| <= 2^62: no overflow.
           >> on a negative int64_t is arithmetic with every compiler we target. */
        static int32_t etk_requantize(int32_t acc, int32_t multiplier, int32_t shift)
        {
            const int32_t total = 31 - shift;
            const int64_t r = ((int64_t)acc * multiplier + ((int64_t)1 << (total - 1))) >> total;
            return r > INT32_MAX ? INT32_MAX : r < INT32_MIN ? INT32_MIN : (int32_t)r;
        }
        """;

    /// <summary>
    /// Int8 reads for the SMLAD kernels (QGemmDspKernel), only where the core has them: not math,
    /// but a helper for the same reason (file-level code a kernel asks for once).
    /// </summary>
    private const string DspS8 = """
        #if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
        #include <string.h>
        /* Four int8 as one word: an (unaligned) LDR on ARMv7E-M; memcpy keeps it legal C. */
        static inline int32_t etk_s8x4(const int8_t *p)
        {
            int32_t v;
            memcpy(&v, p, 4);
            return v;
        }
        #endif
        """;

    private const string Sxtb16Ror8 = """
        #if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
        #include <arm_acle.h>
        /* Bytes 1 and 3 of v sign-extended into two int16 halves: SXTB16 with its free ROR #8.
           GCC 12's arm_acle.h has no __ror, and __sxtb16(v >> 8) costs a separate shift. */
        static inline int32_t etk_sxtb16_ror8(int32_t v)
        {
            int32_t r;
            __asm__ ("sxtb16 %0, %1, ror #8" : "=r" (r) : "r" (v));
            return r;
        }
        #endif
        """;

    /// <summary>Saturation to int8 for the integer kernels' stores.</summary>
    private const string SatS8 = """
        #if defined(__ARM_FEATURE_SAT)
        #include <arm_acle.h>
        #endif
        /* v clamped to [-128, 127]: one SSAT where the core has it (GCC stops finding SSAT itself
           once a kernel has several stores and -128 sits in a register). */
        static inline int32_t etk_sat_s8(int32_t v)
        {
        #if defined(__ARM_FEATURE_SAT)
            return __ssat(v, 8);
        #else
            return v < -128 ? -128 : v > 127 ? 127 : v;
        #endif
        }
        """;



    /// <summary>
    /// ONNX's float rounding (QuantizeLinear, DynamicQuantizeLinear): round half to even, then
    /// saturate, without rintf (libm) and with the FPU's own rounding (soft-float rounds alike).
    /// </summary>
    private const string RintSatF = """
        /* saturate(round_half_to_even(v)) to [lo, hi], |lo| and |hi| below 2^22; NaN gives 0.
           Between lo and hi, v + 1.5 * 2^23 lies in [2^23, 2^24), where the float spacing is 1:
           the addition itself rounds v half to even, and the subtraction is exact. */
        static inline int32_t etk_rint_sat_f(float v, int32_t lo, int32_t hi)
        {
            if (v != v) return 0;
            if (v <= (float)lo) return lo;
            if (v >= (float)hi) return hi;
            return (int32_t)((v + 12582912.0f) - 12582912.0f);
        }
        """;

    /// <summary>
    /// The same in double, for the requantisation of QLinearConv and QLinearMatMul, which the ONNX
    /// reference does in double (doubles are IEEE everywhere, soft-float on Cortex-M too).
    /// </summary>
    private const string RintSatD = """
        /* saturate(round_half_to_even(v)) to [lo, hi]; NaN gives lo. Within (lo, hi) v fits int64:
           floor it, then step up when past the half, or on it with an odd floor. */
        static int32_t etk_rint_sat_d(double v, int32_t lo, int32_t hi)
        {
            double fl;
            int64_t q;
            if (!(v > (double)lo)) return lo;
            if (v >= (double)hi) return hi;
            fl = (double)(int64_t)v;
            if (fl > v) fl -= 1.0;
            q = (int64_t)fl;
            if (v - fl > 0.5 || (v - fl == 0.5 && (q & 1) != 0)) q += 1;
            return (int32_t)q;
        }
        """;

    /// <summary>The clamp to a folded activation's range, as two selects GCC keeps branch-free.</summary>
    private const string Clamp = """
        /* v clamped to [lo, hi] */
        static inline int32_t etk_clamp(int32_t v, int32_t lo, int32_t hi)
        {
            v = v > hi ? hi : v;
            return v < lo ? lo : v;
        }
        """;

    /// <summary>Int16 pair reads for the 16x8 SMLAD kernel (QGemmSmlad16Loop); dsp_s8 brings arm_acle.h and string.h.</summary>
    private const string DspS16 = """
        #if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
        /* Two int16 as one word, the first in the low half: SMLAD's operand as it is in memory. */
        static inline int32_t etk_s16x2(const int16_t *p)
        {
            int32_t v;
            memcpy(&v, p, 4);
            return v;
        }
        #endif
        """;

    /// <summary>Saturation to int16 for the 16x8 kernels' stores.</summary>
    private const string SatS16 = """
        #if defined(__ARM_FEATURE_SAT)
        #include <arm_acle.h>
        #endif
        /* v clamped to [-32768, 32767]: one SSAT where the core has it. */
        static inline int32_t etk_sat_s16(int32_t v)
        {
        #if defined(__ARM_FEATURE_SAT)
            return __ssat(v, 16);
        #else
            return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
        #endif
        }
        """;

    /// <summary>
    /// Where loops can vectorise (not on a Cortex-M) the float helpers are inlined (GCC -O2
    /// vectorises only what it inlines), range limits work on the bits and a range split computes
    /// both sides and selects one. A Cortex-M has no vector unit: there they stay calls (flash: a
    /// fused Tanh is called from every unrolled output) that branch (instructions).
    /// </summary>
    private const string Vector = """
        /* Vector units (host, AArch64): helpers inlined and branch-free. Cortex-M: calls that
           branch. Same operations, same bits. */
        #if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
        #define ETK_VECTOR 0
        #define ETK_VECTOR_INLINE
        #else
        #define ETK_VECTOR 1
        #define ETK_VECTOR_INLINE inline
        #endif
        """;

    /// <summary>The range limit of exp, erf and tanh.</summary>
    private const string ClampAbs = """
        /* x with its magnitude capped at limit, sign kept, NaN passed through. With vector units
           on the bits: rotated so that NaNs sort first, an unsigned minimum caps the rest (a float
           clamp lets GCC fold the capped path to a constant and split the loop into branches,
           which stops it vectorising). A Cortex-M compares floats, which is cheaper there. */
        static inline float etk_clamp_abs(float x, float limit)
        {
        #if ETK_VECTOR
            union { float f; uint32_t u; } v, l;
            uint32_t m, cap;
            v.f = x;
            l.f = limit;
            m = (v.u & 0x7fffffffu) + 0x807fffffu;
            cap = l.u + 0x807fffffu;
            v.u = (v.u & 0x80000000u) | ((m < cap ? m : cap) - 0x807fffffu);
            return v.f;
        #else
            if (x > limit) x = limit;
            if (x < -limit) x = -limit;
            return x;
        #endif
        }
        """;

    private const string Select = """
        /* c ? a : b as a bit mask: both sides are computed anyway, and GCC cannot move either
           under a branch (where it would stop vectorising the loop). */
        static inline float etk_select(int c, float a, float b)
        {
            union { float f; uint32_t u; } x, y;
            const uint32_t mask = 0u - (uint32_t)(c != 0);
            x.f = a;
            y.f = b;
            x.u = (x.u & mask) | (y.u & ~mask);
            return x.f;
        }
        """;

    private const string Exp = """
        /* e^x: x = n*ln2 + r with |r| <= ln2/2 (ln2 split in two so n*ln2_hi is exact), e^r =
           1 + r + r^2 q(r) with q a degree-4 minimax fit (error 3e-9), and 2^n built from
           exponent bits in two halves so that 2^128 and subnormal results need no special case.
           |x| is capped at 104, where e^x overflows to inf or underflows to 0 by itself; NaN
           propagates. Max error 0.98 ulp (every float, against double precision). */
        static ETK_VECTOR_INLINE float etk_expf(float x)
        {
            union { float f; uint32_t u; } k, s1, s2;
            float kf, r, q;
            int32_t n, h;
            x = etk_clamp_abs(x, 104.0f);
            /* + 1.5 * 2^23 rounds x/ln2 to an integer (to nearest even) in the low mantissa bits:
               n from the bits, not (int)kf, which would be undefined for a NaN */
            k.f = x * 1.44269504f + 12582912.0f;
            kf = k.f - 12582912.0f;
            n = (int32_t)(k.u - 0x4b400000u);
            r = x - kf * 0.693359375f;
            r = r - kf * -2.12194440e-4f;
            q = r * 1.381459366e-3f + 8.368717351e-3f;
            q = q * r + 4.166838815e-2f;
            q = q * r + 1.666652063e-1f;
            q = q * r + 4.999999345e-1f;
            h = n / 2;
            s1.u = (uint32_t)(h + 127) << 23;
            s2.u = (uint32_t)(n - h + 127) << 23;
            return (1.0f + (r + r * r * q)) * s1.f * s2.f;
        }
        """;

    private const string Tanh = """
        /* tanh(x) = x P(x^2) / Q(x^2), a [9/6] rational fitted (weighted least squares towards
           minimax) on [0, 8.6]; beyond 8.6 float tanh is +-1 within the fit's error. (Capping x,
           rather than returning +-1, keeps it branch-free, and lets GCC use VMLA on Cortex-M4.)
           17 float operations, max error 6.7e-7; the leading coefficients are
           exactly 1, so tanh(x) ~ x keeps full relative accuracy near 0. */
        static ETK_VECTOR_INLINE float etk_tanhf(float x)
        {
            float x2, p, q;
            x = etk_clamp_abs(x, 8.6f);
            x2 = x * x;
            p = x2 * -5.455301099743792e-09f + 6.7658820626093075e-06f;
            p = x2 * p + 0.0026423914823681116f;
            p = x2 * p + 0.12658849358558655f;
            p = x2 * p + 1.0f;
            q = x2 * 0.00018987013027071953f + 0.02261912077665329f;
            q = x2 * q + 0.4599192440509796f;
            q = x2 * q + 1.0f;
            return x * p / q;
        }
        """;

    private const string Sigmoid = """
        /* 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below: e^-|x| never overflows. */
        static ETK_VECTOR_INLINE float etk_sigmoidf(float x)
        {
            const float e = etk_expf(x > 0.0f ? -x : x);
            return etk_select(x >= 0.0f, 1.0f, e) / (1.0f + e);
        }
        """;

    private const string Log = """
        /* ln(x): x = 2^e * m with m in [sqrt(1/2), sqrt(2)), ln(m) = 2 atanh(s), s = (m-1)/(m+1),
           |s| <= 0.172, odd series to s^11 (error < 3e-9). */
        static float etk_logf(float x)
        {
            union { float f; uint32_t u; } b;
            float m, s, s2, p;
            int e = 0;
            if (x != x || x < 0.0f) return (x - x) / (x - x);
            if (x == 0.0f) { b.u = 0xff800000u; return b.f; }
            b.f = x;
            if (b.u >= 0x7f800000u) return x;
            if (b.u < 0x00800000u) { b.f = x * 8388608.0f; e = -23; }
            e += (int)(b.u >> 23) - 127;
            b.u = (b.u & 0x007fffffu) | 0x3f800000u;
            m = b.f;
            if (m > 1.41421356f) { m = m * 0.5f; e += 1; }
            s = (m - 1.0f) / (m + 1.0f);
            s2 = s * s;
            p = s2 * 0.0909090909f + 0.111111111f;
            p = p * s2 + 0.142857143f;
            p = p * s2 + 0.2f;
            p = p * s2 + 0.333333333f;
            p = p * s2 * s + s;
            return (float)e * 0.693359375f + ((float)e * -2.12194440e-4f + 2.0f * p);
        }
        """;

    private const string Sqrt = """
        /* sqrt(x): a first guess from the exponent bits, then four Newton steps (quadratic: the
           3.5% first error falls below float precision). Subnormals are scaled by 2^48 first. */
        static float etk_sqrtf(float x)
        {
            union { float f; uint32_t u; } b;
            float y;
            if (!(x > 0.0f)) return x == 0.0f ? x : (x - x) / (x - x);
            b.f = x;
            if (b.u >= 0x7f800000u) return x;
            if (b.u < 0x00800000u) return etk_sqrtf(x * 281474976710656.0f) * 5.9604644775390625e-8f;
            b.u = (b.u >> 1) + 0x1fbd1df5u;
            y = b.f;
            y = 0.5f * (y + x / y);
            y = 0.5f * (y + x / y);
            y = 0.5f * (y + x / y);
            y = 0.5f * (y + x / y);
            return y;
        }
        """;

    private const string Erf = """
        /* erf(a) for a = |x| in [0, 0.921875): a + a s(a^2), s a degree-6 minimax fit of
           erf(a)/a - 1 (relative error 4e-10). */
        static inline float etk_erf_below(float a)
        {
            const float a2 = a * a;
            float s = a2 * 8.369791909e-5f + -8.142631342e-4f;
            s = s * a2 + 5.201025858e-3f;
            s = s * a2 + -2.685939566e-2f;
            s = s * a2 + 1.128369545e-1f;
            s = s * a2 + -3.761263373e-1f;
            s = s * a2 + 1.283791666e-1f;
            return a + a * s;
        }

        /* erf(a) for a in [0.921875, 3.92]: 1 - e^l(a), l a degree-6 minimax fit of ln(erfc(a))
           (absolute error of the result 1.5e-9). */
        static inline float etk_erf_above(float a)
        {
            float l = a * 1.947340377e-4f + -3.031595660e-3f;
            l = l * a + 2.218137658e-2f;
            l = l * a + -1.038388579e-1f;
            l = l * a + -6.372858161e-1f;
            l = l * a + -1.127615422f;
            l = l * a + -2.099228579e-4f;
            return 1.0f - etk_expf(l);
        }

        /* erf(x) = sign(x) erf(|x|), |x| capped at 3.92 (erf is 1 in float beyond). Max error
           1.3 ulp (every float, against double precision). */
        static ETK_VECTOR_INLINE float etk_erff(float x)
        {
            union { float f; uint32_t u; } v, y;
            float a;
            v.f = x;
            y.u = v.u & 0x7fffffffu;
            a = etk_clamp_abs(y.f, 3.92f);
        #if ETK_VECTOR
            y.f = etk_select(a < 0.921875f, etk_erf_below(a), etk_erf_above(a));
        #else
            y.f = a < 0.921875f ? etk_erf_below(a) : etk_erf_above(a);
        #endif
            y.u |= v.u & 0x80000000u;
            return y.f;
        }
        """;

    private const string Pow = """
        /* a^b: exact repeated squaring for integer exponents up to 64 (the common case, and
           negative bases), else e^(b ln a). */
        static float etk_powf(float a, float b)
        {
            float r = 1.0f, base = a;
            int n, neg;
            if (b == 0.0f || a == 1.0f) return 1.0f;
            if (a != a || b != b) return a + b;
            if (b >= -64.0f && b <= 64.0f && (float)(int)b == b) {
                n = (int)b;
                neg = n < 0;
                if (neg) n = -n;
                while (n) { if (n & 1) r = r * base; base = base * base; n >>= 1; }
                return neg ? 1.0f / r : r;
            }
            if (a == 0.0f) return b > 0.0f ? 0.0f : 1.0f / a;
            if (a < 0.0f) {
                if (b > 16777216.0f || b < -16777216.0f) return etk_expf(b * etk_logf(-a));
                return (a - a) / (a - a);
            }
            return etk_expf(b * etk_logf(a));
        }
        """;
}
