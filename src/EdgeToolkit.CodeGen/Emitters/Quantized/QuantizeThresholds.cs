using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QuantizeLinear without a float unit. q(x) = saturate(round_half_to_even(x / s) + z) is
/// monotonic in x, so with s and z known it is fixed by 255 thresholds: T[j] is the smallest
/// float x with q(x) &gt;= qmin + 1 + j, and q(x) = qmin + (number of T[j] &lt;= x). They are found
/// here by bisection over the floats with the reference arithmetic itself (QuantParams.Quantize,
/// float division), so the kernel is exact by construction; it compares float bit patterns
/// mapped to ordered integers (Key), an 8-step binary search of integer compares, where
/// soft-float division would cost some 600 instructions per element on Cortex-M0.
/// </summary>
internal static class QuantizeThresholds
{
    /// <summary>Orders float bit patterns as the floats they encode (-0 just below +0); NaNs fall outside [Key(-inf), Key(+inf)].</summary>
    public static int Key(float x)
    {
        int b = BitConverter.SingleToInt32Bits(x);
        return b ^ ((b >> 31) & 0x7FFFFFFF);
    }

    public static float FromKey(int key) => BitConverter.Int32BitsToSingle(key < 0 ? key ^ 0x7FFFFFFF : key);

    /// <summary>The 255 ascending threshold keys of q (int.MaxValue for a level no float reaches).</summary>
    public static int[] For(QuantParams q)
    {
        int lo = Key(float.NegativeInfinity), hi = Key(float.PositiveInfinity);
        var t = new int[q.QMax - q.QMin];
        for (int j = 0; j < t.Length; j++)
        {
            int level = q.QMin + 1 + j;
            if (q.Quantize(float.PositiveInfinity) < level) { t[j] = int.MaxValue; continue; }
            // Smallest key in [a, b] whose float quantizes to level or above.
            long a = lo, b = hi;
            while (a < b)
            {
                long mid = a + (b - a) / 2;
                if (q.Quantize(FromKey((int)mid)) >= level) b = mid; else a = mid + 1;
            }
            t[j] = (int)a;
        }
        return t;
    }
}
