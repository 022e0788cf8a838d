namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The inner step of the grouped QConv kernel: two output channels (weight words from wb) x two
/// pixels (the column pair starting at word cp of the tile's columns) into a00 (channel 0, pixel 0),
/// a01, a10 and a11. With the DSP extension each quad is one weight word per channel unpacked by
/// SXTB16 and four SMLADs per channel (two MACs each), unrolled when short, as CMSIS-NN's
/// arm_nn_mat_mult_kernel_s8_s16 does; the portable loop reads the same packed operands byte by
/// byte and tap by tap, and gives the same sums.
/// </summary>
internal sealed class QConvMacWriter(KernelContext ctx, QConvPacking packing)
{
    /// <summary>Up to this many quads the DSP loop is unrolled (GCC keeps the four sums in registers).</summary>
    private const int MaxUnrolledQuads = 32;

    private CWriter W => ctx.Code;

    public void Write()
    {
        W.Line("#if defined(__ARM_FEATURE_DSP)");
        WriteDsp();
        W.Line("#else");
        WritePortable();
        W.Line("#endif");
    }

    private void WriteDsp()
    {
        var ror8 = ctx.UseHelper("sxtb16_ror8");
        // Left to itself GCC hoists the unpacked weights out of the loop over pixel pairs and spills
        // them all to the stack; an opaque copy of the pointer makes it load them where they are used.
        W.Line("const int32_t *wd = wb;");
        W.Line("__asm__ volatile(\"\" : \"+r\"(wd));");
        if (packing.Quads <= MaxUnrolledQuads)
        {
            for (int q = 0; q < packing.FullQuads; q++)
            {
                // A scheduling barrier: GCC interleaving the unrolled quads runs out of registers and spills.
                if (q > 0) W.Line("__asm__ volatile(\"\");");
                WriteDspQuad(ror8, $"{2 * q}", $"cp + {4 * q}", full: true);
            }
        }
        else
            using (W.Block($"for (int q = 0; q < {packing.FullQuads}; q++)"))
                WriteDspQuad(ror8, "2 * q", "cp + 4 * q", full: true);
        if (packing.HalfQuad) WriteDspQuad(ror8, $"{2 * packing.FullQuads}", $"cp + {4 * packing.FullQuads}", full: false);
    }

    /// <summary>
    /// One quad (or its first pair only): SMLAD adds two int16 products to a sum. Ordered so that
    /// few values are live at once (each unpacked weight pair is used, then dropped).
    /// </summary>
    private void WriteDspQuad(string ror8, string word, string column, bool full)
    {
        using var scope = W.Scope();
        W.Line($"const int32_t w0 = wd[{word}], w1 = wd[{word} + 1]; /* four taps of each channel */");
        W.Line($"const int32_t p0 = cols->word[{column}], p1 = cols->word[{column} + 1]; /* taps (0, 1) of pixels 0 and 1 */");
        W.Line("int32_t u = __sxtb16(w0); /* channel 0, taps (0, 1) as int16 pairs */");
        W.Line("a00 = __smlad(u, p0, a00); a01 = __smlad(u, p1, a01);");
        W.Line("u = __sxtb16(w1);");
        W.Line("a10 = __smlad(u, p0, a10); a11 = __smlad(u, p1, a11);");
        if (!full) return;
        W.Line($"const int32_t q0 = cols->word[{column} + 2], q1 = cols->word[{column} + 3]; /* taps (2, 3) */");
        W.Line($"u = {ror8}(w0);");
        W.Line("a00 = __smlad(u, q0, a00); a01 = __smlad(u, q1, a01);");
        W.Line($"u = {ror8}(w1);");
        W.Line("a10 = __smlad(u, q0, a10); a11 = __smlad(u, q1, a11);");
    }

    private void WritePortable()
    {
        W.Line("/* the same packed operands: bytes (t0, t2, t1, t3) of each weight word, int16 taps of the columns */");
        W.Line("const int8_t *wq = (const int8_t *)wb; /* the words' bytes, little-endian */");
        using (W.Block($"for (int q = 0, t = 2 * cp; q < {packing.Quads}; q++, wq += 8, t += 8)"))
        {
            W.Line("const int32_t x0 = cols->tap[t], x1 = cols->tap[t + 1], y0 = cols->tap[t + 2], y1 = cols->tap[t + 3]; /* pixels 0 (x) and 1 (y), taps 0 and 1 */");
            W.Line("a00 += wq[0] * x0 + wq[2] * x1; a01 += wq[0] * y0 + wq[2] * y1;");
            W.Line("a10 += wq[4] * x0 + wq[6] * x1; a11 += wq[4] * y0 + wq[6] * y1;");
            if (packing.HalfQuad) W.Line($"if (q == {packing.FullQuads}) break; /* the last quad holds one pair */");
            W.Line("{");
            W.Indent();
            W.Line("const int32_t x2 = cols->tap[t + 4], x3 = cols->tap[t + 5], y2 = cols->tap[t + 6], y3 = cols->tap[t + 7];");
            W.Line("a00 += wq[1] * x2 + wq[3] * x3; a01 += wq[1] * y2 + wq[3] * y3;");
            W.Line("a10 += wq[5] * x2 + wq[7] * x3; a11 += wq[5] * y2 + wq[7] * y3;");
            W.Dedent();
            W.Line("}");
        }
    }
}
