namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The DSP inner loop of QGemmDspKernel for int16 rows (16x8; written under its #if). SMLAD
/// multiplies int16 pairs, so the row is read as it is: inputs 4g..4g+3 are the words (x0, x1)
/// and (x2, x3), with no widening and no scratch. The weights are packed so that the two halves
/// SXTB16 gives match them: a group's word holds (w0, w2, w1, w3), SXTB16 gives (w0, w1) and
/// SXTB16 with ROR #8 (w2, w3). Per group and channel: a weight word, two SXTB16, two SMLAD; the
/// two input words serve every channel of the block. The last group of a K that is not a
/// multiple of 4 builds its words from the inputs there are (W is zero past K), never reading
/// past the row.
/// </summary>
internal sealed class QGemmSmlad16Loop(KernelContext ctx, QGemmProblem p) : IQGemmDspSums
{
    /// <summary>Groups of 4 inputs per loop step (straight through up to twice as many), as the int8 loop.</summary>
    private const int Unroll = 4;

    public IReadOnlyList<int> InputAt { get; } = new[] { 0, 2, 1, 3 };

    public long ScratchBytes => 0;

    private int Whole => p.K / 4;
    private string Pair => ctx.UseHelper("dsp_s16");
    private string Read => ctx.UseHelper("dsp_s8");
    private const string RorHalves = "etk_sxtb16_ror8";

    public void Declare()
    {
        if (Whole > 2 * Unroll) ctx.Code.Line("int g;");
    }

    public void PrepareRow() { }

    public void Sums(int r)
    {
        var w = ctx.Code;
        int steps = Whole > 2 * Unroll ? Whole / Unroll : 0, rest = Whole - steps * Unroll, tail = p.K % 4;
        w.Line("/* per 4 inputs and channel: a weight word, two SXTB16, two SMLAD on the int16 pairs as they are in memory; the empty");
        w.Line("   asm after each group keeps GCC from hoisting the next group's loads, which would spill accumulators */");
        w.Line("const int16_t *xp = x;");
        if (steps > 0)
            using (w.Block($"for (g = 0; g < {steps}; g++)"))
            {
                for (int u = 0; u < Unroll; u++) Group(r, u, $"{Pair}(xp + {4 * u})", $"{Pair}(xp + {4 * u + 2})");
                w.Line($"xp += {4 * Unroll};");
                w.Line($"w += {4 * r * Unroll};");
            }
        for (int u = 0; u < rest; u++) Group(r, u, $"{Pair}(xp + {4 * u})", $"{Pair}(xp + {4 * u + 2})");
        if (tail > 0)
        {
            // (x0, x1) from one or two inputs, (x2, 0) from the third; a pair of zero weights needs no SMLAD.
            string xa = tail == 1 ? $"(int32_t)(uint16_t)xp[{4 * rest}]" : $"{Pair}(xp + {4 * rest})";
            Group(r, rest, xa, tail == 3 ? $"(int32_t)(uint16_t)xp[{4 * rest + 2}]" : null);
        }
        int groups = rest + (tail > 0 ? 1 : 0);
        if (groups > 0) w.Line($"w += {4 * r * groups};");
    }

    private void Group(int r, int u, string xa, string? xb)
    {
        var w = ctx.Code;
        using (w.Scope())
        {
            w.Line(xb != null ? $"const int32_t xa = {xa}, xb = {xb};" : $"const int32_t xa = {xa};");
            w.Line("int32_t q;");
            for (int c = 0; c < r; c++)
                w.Line($"q = {Read}(w + {4 * (u * r + c)}); a{c} = __smlad(xa, __sxtb16(q), a{c});" +
                       (xb != null ? $" a{c} = __smlad(xb, {RorHalves}(q), a{c});" : ""));
        }
        w.Line("__asm__ volatile (\"\" ::: \"memory\");");
    }
}
