namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The DSP inner loop of QGemmDspKernel for int8 rows (written under its #if). The input row is widened once
/// into scratch as int16 pairs in SXTB16's order: inputs 4g..4g+3 become the words (x0, x2) and
/// (x1, x3). A weight word (w0, w1, w2, w3) gives (w0, w2) by SXTB16 and (w1, w3) by SXTB16 with
/// ROR #8, so two SMLAD add x0 w0 + x2 w2 and x1 w1 + x3 w3. Four groups run per loop step, with
/// a compiler barrier after each: without it GCC hoists the next group's loads above this
/// group's SMLADs and runs out of registers (spilling accumulators cost ~20% on Cortex-M4).
/// </summary>
internal sealed class QGemmSmladLoop(KernelContext ctx, QGemmProblem p) : IQGemmDspSums
{
    /// <summary>W in input order: SXTB16 gives (w0, w2) and (w1, w3), matching the widened (x0, x2), (x1, x3).</summary>
    public IReadOnlyList<int> InputAt { get; } = new[] { 0, 1, 2, 3 };

    /// <summary>The widened row: K rounded up to 4, two bytes each.</summary>
    public long ScratchBytes => (long)Groups * 4 * sizeof(short);

    /// <summary>Groups of 4 inputs per loop step (straight through up to twice as many).</summary>
    private const int Unroll = 4;

    private int Groups => (p.K + 3) / 4;
    private string Read => ctx.UseHelper("dsp_s8");
    private const string RorHalves = "etk_sxtb16_ror8";

    public void Declare()
    {
        var w = ctx.Code;
        w.Line("int32_t *const x16 = (int32_t *)(void *)scratch;");
        if (p.K / 4 > 1 || Groups > 2 * Unroll) w.Line("int g;");
    }

    public void PrepareRow()
    {
        var w = ctx.Code;
        int whole = p.K / 4, rest = p.K % 4;
        w.Line("/* the row as int16 pairs, once: inputs 4g..4g+3 as (x0, x2), (x1, x3), the halves SXTB16 gives */");
        using (w.Scope())
        {
            w.Line("const int8_t *xs = x;");
            w.Line("int32_t *xd = x16;");
            if (whole > 0)
                using (whole > 1 ? w.Block($"for (g = 0; g < {whole}; g++)") : w.Scope())
                {
                    w.Line($"const int32_t q = {Read}(xs);");
                    w.Line($"xd[0] = __sxtb16(q);");
                    w.Line($"xd[1] = {RorHalves}(q);");
                    if (whole > 1 || rest > 0) w.Line("xs += 4;").Line("xd += 2;");
                }
            if (rest > 0)
                using (w.Scope())
                {
                    // The last bytes, zero-padded: never read past the row.
                    var bytes = Enumerable.Range(0, rest).Select(i => i == 0 ? "(uint32_t)(uint8_t)xs[0]" : $"((uint32_t)(uint8_t)xs[{i}] << {8 * i})");
                    w.Line($"const int32_t q = (int32_t)({string.Join(" | ", bytes)});");
                    w.Line($"xd[0] = __sxtb16(q);");
                    w.Line($"xd[1] = {RorHalves}(q);");
                }
        }
    }

    /// <summary>Adds the row's products into a0..a(r-1); moves w past the block.</summary>
    public void Sums(int r)
    {
        var w = ctx.Code;
        // Up to two loop steps' worth of groups run straight through: the loop's compare, branch and
        // pointer steps are a tenth of a step's instructions, and small layers are where they show.
        int steps = Groups > 2 * Unroll ? Groups / Unroll : 0, rest = Groups - steps * Unroll;
        w.Line("/* per 4 inputs and channel: a weight word, two SXTB16, two SMLAD; the empty asm after each group keeps GCC");
        w.Line("   from hoisting the next group's loads, which would spill accumulators */");
        w.Line("const int32_t *xp = x16;");
        if (steps > 0)
            using (w.Block($"for (g = 0; g < {steps}; g++)"))
            {
                for (int u = 0; u < Unroll; u++) Group(r, u);
                w.Line($"xp += {2 * Unroll};");
                w.Line($"w += {4 * r * Unroll};");
            }
        for (int u = 0; u < rest; u++) Group(r, u);
        if (rest > 0) w.Line($"w += {4 * r * rest};");
    }

    private void Group(int r, int u)
    {
        var w = ctx.Code;
        using (w.Scope())
        {
            w.Line($"const int32_t xa = xp[{2 * u}], xb = xp[{2 * u + 1}];");
            w.Line("int32_t q;");
            for (int c = 0; c < r; c++)
                w.Line($"q = {Read}(w + {4 * (u * r + c)}); a{c} = __smlad(xa, __sxtb16(q), a{c}); a{c} = __smlad(xb, {RorHalves}(q), a{c});");
        }
        w.Line("__asm__ volatile (\"\" ::: \"memory\");");
    }
}
