namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// FixedPoint.MultiplyByQuantizedMultiplier in generated C. When the shift is a right shift
/// (e = -shift &gt;= 1) and |acc| &lt; 2^30 is known at generation time, it is written inline in its
/// short form: the doubling high multiply as (2 acc * m + 2^31) &gt;&gt; 32 (for m &gt;= 0 the same
/// integer as TFLite's nudged, truncating form; one SMLAL) and the rounding shift as
/// (h + 2^(e-1) - (h &lt; 0)) &gt;&gt; e (the mask-and-threshold form, exact while h + 2^(e-1) cannot
/// overflow: |h| &lt;= |acc| &lt; 2^30). An output zero point z may ride along in the rounding term as
/// z * 2^e, which adds exactly z after the shift. Otherwise it calls the "requant" helper,
/// FixedPoint line for line. Both forms rely on GCC's arithmetic right shift of negative values,
/// as the helper does.
/// </summary>
internal static class Requantization
{
    /// <summary>Whether the short form is exact for these shifts and this bound on |acc|.</summary>
    public static bool ShortFormFits(IEnumerable<int> shifts, long accBound) =>
        accBound < 1L << 30 && shifts.All(s => s is <= -1 and >= -31);

    /// <summary>Whether z * 2^e fits in the rounding term next to |h| &lt; 2^30 for every shift.</summary>
    public static bool ZeroPointFolds(IEnumerable<int> shifts, int zeroPoint) =>
        shifts.All(s => (1L << (-s - 1)) + Math.Abs((long)zeroPoint << -s) < 1L << 30);

    private static string HighMul(KernelContext ctx, string acc, string multiplier) => $"{ctx.UseHelper("highmul")}({acc}, {multiplier})";

    /// <summary>acc requantised by constants (multiplier, shift), as a C expression (acc is read once).</summary>
    public static string Expression(KernelContext ctx, string acc, int multiplier, int shift, long accBound)
    {
        if (accBound >= 1L << 30 || shift > 0 || shift < -31) return $"{ctx.UseHelper("requant")}({acc}, {multiplier}, {shift})";
        var h = HighMul(ctx, acc, multiplier.ToString());
        return shift == 0 ? h : $"{ctx.UseHelper("roundshift")}({h}, {-shift})";
    }

    /// <summary>
    /// Declares `const int32_t {result}` = acc requantised by the row `r` of a per-channel table
    /// (Table): r[0] the multiplier, then short form: r[1] the rounding term, r[2] = e; else r[1] the shift.
    /// </summary>
    public static string FromTable(KernelContext ctx, bool shortForm, string result, string acc, string r) =>
        shortForm
            ? $"const int32_t {result}_h = {HighMul(ctx, acc, $"{r}[0]")}; const int32_t {result} = ({result}_h + {r}[1] + ({result}_h >> 31)) >> {r}[2];"
            : $"const int32_t {result} = {ctx.UseHelper("requant")}({acc}, {r}[0], {r}[1]);";

    /// <summary>The per-channel rows FromTable reads, flattened; the short form's rounding term carries zeroPoint * 2^e.</summary>
    public static int[] Table(bool shortForm, int[] multipliers, int[] shifts, int zeroPoint) =>
        multipliers.SelectMany((m, c) => shortForm
            ? new[] { m, (1 << (-shifts[c] - 1)) + (zeroPoint << -shifts[c]), -shifts[c] }
            : new[] { m, shifts[c] }).ToArray();

    public static int TableWidth(bool shortForm) => shortForm ? 3 : 2;

    /// <summary>A value clamped to [min, max] as an expression: SSAT through the "sat8" helper for the whole int8 range.</summary>
    public static string Saturate(KernelContext ctx, string value, int min, int max) =>
        min == -128 && max == 127 ? $"{ctx.UseHelper("sat_s8")}({value})" : $"{ctx.UseHelper("clamp")}({value}, {min}, {max})";
}
