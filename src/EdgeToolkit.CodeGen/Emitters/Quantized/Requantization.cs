namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// FixedPoint.MultiplyByQuantizedMultiplier (single rounding: (acc m + 2^(30+e)) &gt;&gt; (31+e) for a
/// right shift e = -shift) in generated C. For 2 &lt;= e &lt;= 31 it is written inline in CMSIS-NN's
/// high-word form: h = (acc m) &gt;&gt; 32, then ((h &gt;&gt; (e-2)) + 1) &gt;&gt; 1 — nested floor divisions
/// by powers of two merge, and 2^(30+e) is a multiple of 2^32, so the bits are the same — one
/// SMULL and three ALU operations. An output zero point z rides along as ((h &gt;&gt; (e-2)) + 1 + 2z) &gt;&gt; 1,
/// which adds exactly z. Other shifts call the "requant" helper, FixedPoint line for line. Both
/// rely on GCC's arithmetic right shift of negative values, as the helper does.
/// </summary>
internal static class Requantization
{
    /// <summary>Whether the inline form applies to every shift (any int32 accumulator: acc m fits in 64 bits).</summary>
    public static bool ShortFormFits(IEnumerable<int> shifts, long accBound) =>
        accBound <= int.MaxValue && shifts.All(s => s is <= -2 and >= -31);

    /// <summary>The zero point always folds into the inline form's rounding term (1 + 2z stays small).</summary>
    public static bool ZeroPointFolds(IEnumerable<int> shifts, int zeroPoint) => true;

    private static string High(string acc, string multiplier) => $"(int32_t)(((int64_t)({acc}) * ({multiplier})) >> 32)";

    /// <summary>acc requantised by constants (multiplier, shift), as a C expression (acc is read once).</summary>
    public static string Expression(KernelContext ctx, string acc, int multiplier, int shift, long accBound)
    {
        if (!ShortFormFits(new[] { shift }, accBound)) return $"{ctx.UseHelper("requant")}({acc}, {multiplier}, {shift})";
        return $"((({High(acc, multiplier.ToString())} >> {-shift - 2}) + 1) >> 1)";
    }

    /// <summary>
    /// Declares `const int32_t {result}` = acc requantised by the row `r` of a per-channel table
    /// (Table): r[0] the multiplier, then inline form: r[1] = e - 2, r[2] = 1 + 2z (z included); else r[1] the shift.
    /// </summary>
    public static string FromTable(KernelContext ctx, bool shortForm, string result, string acc, string r) =>
        shortForm
            ? $"const int32_t {result} = (({High(acc, $"{r}[0]")} >> {r}[1]) + {r}[2]) >> 1;"
            : $"const int32_t {result} = {ctx.UseHelper("requant")}({acc}, {r}[0], {r}[1]);";

    /// <summary>The per-channel rows FromTable reads, flattened; the inline form's rounding term carries the zero point.</summary>
    public static int[] Table(bool shortForm, int[] multipliers, int[] shifts, int zeroPoint) =>
        multipliers.SelectMany((m, c) => shortForm
            ? new[] { m, -shifts[c] - 2, 1 + 2 * zeroPoint }
            : new[] { m, shifts[c] }).ToArray();

    public static int TableWidth(bool shortForm) => shortForm ? 3 : 2;

    /// <summary>A value clamped to [min, max] as an expression: SSAT through the "sat_s8" helper for the whole int8 range.</summary>
    public static string Saturate(KernelContext ctx, string value, int min, int max) =>
        min == -128 && max == 127 ? $"{ctx.UseHelper("sat_s8")}({value})" : $"{ctx.UseHelper("clamp")}({value}, {min}, {max})";
}
