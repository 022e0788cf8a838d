using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// Integer MatMul against a constant b [K, N] shared by every batch (the weights of quantized
/// models): b is re-laid out at generation as its N columns of K, in its own 8-bit type (int8
/// stays int8 in flash), every leading dim of a is folded into rows, and up to Width columns per
/// pass share each read of a. b's zero point leaves the inner loop: sum (a - az) (b - bz) =
/// sum (a - az) b - bz sum (a - az), the last sum taken once per row.
/// With the DSP extension and int8 b, the columns are zero-padded to a multiple of 4, the row of
/// a - a_zero is widened once to int16 pairs in SXTB16's order (inputs 4g..4g+3 as the words
/// (x0, x2) and (x1, x3)), and each group of 4 inputs costs per column one word load, two SXTB16
/// and two SMLAD (as QGemmDspKernel); under #else the same bytes are summed one at a time. Integer
/// sums in any order are the same, so both give the same results.
/// </summary>
internal sealed class IntegerWeightRows(KernelContext ctx, IntegerMatMulInputs io, MatMulShape g, Tensor b)
{
    /// <summary>Columns per pass: 4 accumulators, the a words and 4 column pointers fit the registers of Thumb-2 (and nearly Thumb-1).</summary>
    private const int Width = 4;

    /// <summary>What the DSP code needs: SMLAD, and SXTB16/UXTB16/SSUB16, which arm_acle.h declares under SIMD32.</summary>
    private const string Guard = "#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)";

    private bool Dsp => ctx.Target.HasDsp && b.Type == DataType.Int8;
    private int Groups => (g.K + 3) / 4;
    /// <summary>Elements per stored column: K, padded to whole groups of 4 for the DSP loop.</summary>
    private int Stride => Dsp ? 4 * Groups : g.K;
    private int Rows => (int)(Tensor.ElementCountOf(ctx.InputShape(io.A)) / g.K);

    public long ScratchBytes => Dsp ? 2L * Groups * sizeof(int) : 0;

    public void Write(Action<IntegerSum> store)
    {
        var w = ctx.Code;
        int full = g.N / Width, tail = g.N % Width;
        bool bZero = ctx.HasInput(io.BZero) && !(ctx.Constant(io.BZero) is { } z && z.ToFloatArray().All(v => v == 0));
        string row = Rows == 1 ? "0" : Rows == g.M ? "r" : $"r % {g.M}";
        var columns = ctx.AddConstant(ctx.Node.Name + "_b_columns", Columns());
        w.Line($"/* {Rows} row{(Rows > 1 ? "s" : "")} of a x the constant b [{g.K}x{g.N}], stored as its {g.N} columns of {g.K}" +
               $"{(Stride != g.K ? $" (zero-padded to {Stride})" : "")}; {Math.Min(Width, g.N)} columns per pass share each read of a" +
               $"{(bZero ? "; b's zero point is taken out once per row, with the row sum of a - a_zero" : "")} */");
        w.Line($"const {ctx.InputType(io.A).CType()} *a = {ctx.In(io.A)};");
        w.Line($"const {b.Type.CType()} *b;");
        // k runs the row sum and the portable loop: with DSP and no row sum, only the #else branch has it.
        bool kEverywhere = !Dsp || bZero;
        w.Line((Rows > 1 ? "int r, n" : "int n") + (kEverywhere ? ", k;" : ";"));
        if (Dsp)
        {
            w.Line(Guard);
            w.Line("int32_t *const x16 = (int32_t *)(void *)scratch;");
            if (g.K >= 4) w.Line("int grp;"); // the loops over groups of 4 inputs
            w.Line("#else");
            w.Line("(void)scratch;");
            if (!kEverywhere) w.Line("int k;");
            w.Line("#endif");
        }
        using (Rows > 1 ? w.Block($"for (r = 0; r < {Rows}; r++)") : w.Scope())
        {
            w.Line($"const int32_t a_zero = {IntegerMatMulWriter.Param(ctx, io.AZero, io.A, ofA: true, row)};");
            if (bZero)
            {
                w.Line("int32_t a_sum = 0;");
                w.Line($"for (k = 0; k < {g.K}; k++) a_sum += (int32_t)a[k] - a_zero;");
            }
            if (Dsp)
            {
                w.Line(Guard);
                WidenRow();
                w.Line("#endif");
            }
            w.Line($"b = {columns};");
            if (full > 0)
                using (w.Block($"for (n = 0; n < {full * Width}; n += {Width})"))
                    Block(Width, bZero, row, store);
            else w.Line("n = 0;");
            if (tail > 0)
                using (w.Scope()) Block(tail, bZero, row, store);
            if (Rows > 1)
            {
                w.Line($"a += {g.K};");
                w.Line($"y += {g.N};");
            }
        }
    }

    /// <summary>Columns n .. n + width - 1 of the current row: one accumulator each.</summary>
    private void Block(int width, bool bZero, string row, Action<IntegerSum> store)
    {
        var w = ctx.Code;
        var j = Enumerable.Range(0, width).ToList();
        w.Line("int32_t " + string.Join(", ", j.Select(i => $"s{i} = 0")) + ";");
        if (Dsp)
        {
            w.Line(Guard);
            DspSums(j);
            w.Line("#else");
        }
        using (w.Scope())
        {
            w.Line($"const {b.Type.CType()} " + string.Join(", ", j.Select(i => i == 0 ? "*b0 = b" : $"*b{i} = b + {i * Stride}")) + ";");
            using (w.Block($"for (k = 0; k < {g.K}; k++)"))
            {
                w.Line("const int32_t ak = (int32_t)a[k] - a_zero;");
                w.Line(string.Join(" ", j.Select(i => $"s{i} += ak * b{i}[k];")));
            }
        }
        if (Dsp) w.Line("#endif");
        foreach (var i in j)
        {
            string col = i == 0 ? "n" : $"n + {i}";
            if (bZero) w.Line($"s{i} -= {IntegerMatMulWriter.Param(ctx, io.BZero, io.B, ofA: false, col)} * a_sum;");
            store(new IntegerSum($"s{i}", row, col, $"y[{col}]"));
        }
        w.Line($"b += {width * Stride};");
    }

    /// <summary>a - a_zero as int16 pairs: per group of 4 inputs the words (x0, x2) and (x1, x3); the padding past K is 0.</summary>
    private void WidenRow()
    {
        var w = ctx.Code;
        bool unsigned = ctx.InputType(io.A) == DataType.UInt8;
        string read = ctx.UseHelper("dsp_s8"), ror8 = ctx.UseHelper("sxtb16_ror8");
        int whole = g.K / 4, rest = g.K % 4;
        w.Line("/* the row of a - a_zero as int16 pairs, once: inputs 4g..4g+3 as (x0, x2), (x1, x3), the halves SXTB16 takes from a word of b */");
        using (w.Scope())
        {
            if (whole > 0)
                using (w.Block($"for (grp = 0; grp < {whole}; grp++)"))
                {
                    w.Line("const int32_t zz = (int32_t)(((uint32_t)a_zero << 16) | ((uint32_t)a_zero & 0xFFFFu)); /* a_zero in both halves */");
                    w.Line($"const int32_t q = {read}((const int8_t *)a + 4 * grp);");
                    w.Line(unsigned ? "x16[2 * grp] = __ssub16((int32_t)__uxtb16((uint32_t)q), zz);" : "x16[2 * grp] = __ssub16(__sxtb16(q), zz);");
                    w.Line(unsigned ? "x16[2 * grp + 1] = __ssub16((int32_t)__uxtb16((uint32_t)q >> 8), zz);" : $"x16[2 * grp + 1] = __ssub16({ror8}(q), zz);");
                }
            if (rest > 0)
                using (w.Scope())
                {
                    // The last 1 to 3 inputs, read one by one (never past the row), the rest 0.
                    string X(int i) => i < rest ? $"(int32_t)a[{4 * whole + i}] - a_zero" : "0";
                    w.Line($"const int32_t x0 = {X(0)}, x1 = {X(1)}, x2 = {X(2)};");
                    w.Line($"x16[{2 * whole}] = (int32_t)(((uint32_t)x2 << 16) | ((uint32_t)x0 & 0xFFFFu));");
                    w.Line($"x16[{2 * whole + 1}] = (int32_t)((uint32_t)x1 & 0xFFFFu);");
                }
        }
    }

    /// <summary>
    /// Per group of 4 inputs and column: a word of b, SXTB16 and SXTB16 ROR 8 for its halves, two
    /// SMLAD. Two groups per loop step, read through moving pointers at constant offsets (indexing
    /// x16 twice made GCC keep a second base on the stack), with QGemmSmladLoop's compiler barrier
    /// after each group.
    /// </summary>
    private void DspSums(List<int> j)
    {
        var w = ctx.Code;
        string read = ctx.UseHelper("dsp_s8"), ror8 = ctx.UseHelper("sxtb16_ror8");
        int pairs = Groups / 2;
        w.Line("const int32_t *xp = x16;");
        w.Line($"const int8_t *bg = b; /* column n + i's group of 4 at bg + i * {Stride} */");
        if (pairs > 0)
            using (pairs > 1 ? w.Block($"for (grp = 0; grp < {pairs}; grp++)") : w.Scope())
            {
                Group(j, 0);
                Group(j, 1);
                w.Line("xp += 4;");
                w.Line("bg += 8;");
            }
        if (Groups % 2 == 1) Group(j, 0);

        void Group(List<int> cols, int u)
        {
            using (w.Scope())
            {
                w.Line($"const int32_t xa = xp[{2 * u}], xb = xp[{2 * u + 1}];");
                w.Line("int32_t q;");
                foreach (var i in cols)
                    w.Line($"q = {read}(bg + {i * Stride + 4 * u}); s{i} = __smlad(xa, __sxtb16(q), s{i}); s{i} = __smlad(xb, {ror8}(q), s{i});");
            }
            w.Line("__asm__ volatile (\"\" ::: \"memory\"); /* keeps GCC from hoisting the next group's loads, which spills accumulators */");
        }
    }

    /// <summary>b [K, N] (or [K]) as its N columns of Stride elements (zero past K), in b's own type.</summary>
    private Tensor Columns()
    {
        int k = g.K, n = g.N, stride = Stride;
        if (b.Type == DataType.UInt8)
        {
            byte[] src = b.UInt8s, dst = new byte[n * stride];
            for (int c = 0; c < n; c++) for (int q = 0; q < k; q++) dst[c * stride + q] = src[q * n + c];
            return new Tensor(DataType.UInt8, new[] { n, stride }, dst);
        }
        sbyte[] s8 = (sbyte[])b.Data, d8 = new sbyte[n * stride];
        for (int c = 0; c < n; c++) for (int q = 0; q < k; q++) d8[c * stride + q] = s8[q * n + c];
        return new Tensor(DataType.Int8, new[] { n, stride }, d8);
    }
}
