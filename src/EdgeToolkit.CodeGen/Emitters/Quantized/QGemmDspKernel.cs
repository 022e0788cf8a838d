using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// QGemm for cores with the DSP extension (Cortex-M4, M7, M33). W is re-laid out once, at
/// generation time, block by block in the order the loop reads it: for each block of Width
/// output channels, for each group of 4 inputs, the 4 int8 weights of each channel in the byte
/// order the SMLAD loop asks for (IQGemmDspSums.InputAt; zero-padded past K). Each group then
/// costs, per channel, one word load, two SXTB16 and two SMLAD (4 multiply-adds), and the two
/// input words serve all Width channels: int8 rows are widened to int16 pairs once per row
/// (QGemmSmladLoop), int16 rows are read as they are (QGemmSmlad16Loop). Under #else the same
/// layout is summed one byte at a time, which gives the same int32 sums (integer addition in any
/// order), hence the same bytes.
/// </summary>
internal sealed class QGemmDspKernel(KernelContext ctx, QGemmProblem p)
{
    /// <summary>
    /// Channels per pass: 4 accumulators, 2 input words, a weight word and its two halves and 2
    /// pointers fit the 13 usable registers (measured on Cortex-M4: 1.38 instructions per MAC in
    /// the unrolled loop, against 1.42 for 3 channels; 5 spill).
    /// </summary>
    public const int MaxWidth = 4;

    /// <summary>What the #if tests: SMLAD needs DSP; arm_acle.h declares __sxtb16 under SIMD32.</summary>
    public const string Guard = "#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)";

    public static long ScratchBytes(KernelContext ctx, QGemmProblem p) => Sums(ctx, p).ScratchBytes;

    private static IQGemmDspSums Sums(KernelContext ctx, QGemmProblem p) => p.Wide ? new QGemmSmlad16Loop(ctx, p) : new QGemmSmladLoop(ctx, p);

    private static int Groups(int k) => (k + 3) / 4;

    public void Write()
    {
        var w = ctx.Code;
        var rq = new QGemmRequant(ctx, p);
        var (width, full, tail) = p.Blocks(MaxWidth);
        var smlad = Sums(ctx, p);
        var packed = ctx.AddConstant(ctx.Node.Name + "_w_blocked", new Tensor(DataType.Int8, new[] { p.N * 4 * Groups(p.K) }, Pack(width, full, tail, smlad.InputAt)));
        string order = smlad.InputAt.SequenceEqual(new[] { 0, 1, 2, 3 }) ? "" : $" in the input order {string.Join(", ", smlad.InputAt)}";
        w.Line($"/* QGemm '{CNames.Comment(ctx.Node.Name)}': [{p.Rows}x{p.K}] {p.Type.OnnxName()} x int8 W[{p.N}x{p.K}]^T, int32 sums from the folded bias, " +
               $"{width} output channel{(width > 1 ? "s" : "")} per pass; {rq.Describe()}, clamped to [{p.Min}, {p.Max}] */");
        w.Line($"/* W blocked: per {width} channels, per 4 inputs, 4 bytes of each channel{order} (zero past K = {p.K}) */");
        w.Line($"/* {rq.TableLayout()}; {rq.Formula()} */");
        w.Line($"{p.CType} *y = {ctx.Out(0)};");
        w.Line("const int8_t *w;");
        w.Line("int32_t v;");
        if (full > 1) w.Line("int b;");
        if (p.Rows > 1) w.Line("int m;");
        rq.Declare(w);
        w.Line(Guard);
        smlad.Declare();
        w.Line("#else");
        if (smlad.ScratchBytes > 0) w.Line("(void)scratch;");
        if (p.K / 4 > 1) w.Line("int g;");
        w.Line("#endif");
        var rows = p.Rows > 1 ? w.Block($"for (m = 0; m < {p.Rows}; m++)") : null;
        w.Line($"const {p.CType} *x = {ctx.In(0)}{(p.Rows > 1 ? $" + m * {p.K}" : "")};");
        if (smlad.ScratchBytes > 0)
        {
            w.Line(Guard);
            smlad.PrepareRow();
            w.Line("#endif");
        }
        w.Line($"w = {packed};");
        rq.Rewind(w);
        using (full > 1 ? w.Block($"for (b = 0; b < {full}; b++)") : w.Scope()) Block(w, rq, smlad, width);
        if (tail > 0) using (w.Scope()) Block(w, rq, smlad, tail);
        rows?.Dispose();
    }

    private void Block(CWriter w, QGemmRequant rq, IQGemmDspSums smlad, int r)
    {
        var j = Enumerable.Range(0, r).ToList();
        w.Line("int32_t " + string.Join(", ", j.Select(i => $"a{i} = {rq.Bias(i)}")) + ";");
        w.Line(Guard);
        smlad.Sums(r);
        w.Line("#else");
        PortableSums(w, r, smlad.InputAt);
        w.Line("#endif");
        foreach (var i in j) rq.Store(w, $"a{i}", i);
        w.Line($"y += {r};");
        rq.Advance(w, r);
    }

    /// <summary>The same sums a byte at a time: per group, each channel's 4 weights times the inputs they belong to.</summary>
    private void PortableSums(CWriter w, int r, IReadOnlyList<int> inputAt)
    {
        int groups = p.K / 4, rest = p.K % 4;
        w.Line($"const {p.CType} *xp = x;");
        void Group(int n)
        {
            w.Line("const int32_t " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"x{i} = xp[{i}]")) + ";");
            var bytes = Enumerable.Range(0, 4).Where(b => inputAt[b] < n).ToList();
            for (int c = 0; c < r; c++)
                w.Line($"a{c} += " + string.Join(" + ", bytes.Select(b => $"x{inputAt[b]} * w[{4 * c + b}]")) + ";");
            w.Line($"w += {4 * r};");
        }
        if (groups > 0)
            using (groups > 1 ? w.Block($"for (g = 0; g < {groups}; g++)") : w.Scope())
            {
                Group(4);
                if (groups > 1 || rest > 0) w.Line("xp += 4;");
            }
        if (rest > 0) using (w.Scope()) Group(rest);
    }

    /// <summary>W in the blocked order described in the class comment.</summary>
    private sbyte[] Pack(int width, int full, int tail, IReadOnlyList<int> inputAt)
    {
        int groups = Groups(p.K);
        var r = new sbyte[p.N * 4 * groups];
        int i = 0;
        var blocks = Enumerable.Repeat(width, full).Concat(tail > 0 ? new[] { tail } : Array.Empty<int>());
        int first = 0;
        foreach (var n in blocks)
        {
            for (int g = 0; g < groups; g++)
                for (int c = first; c < first + n; c++)
                    for (int b = 0; b < 4; b++)
                    {
                        int k = 4 * g + inputAt[b];
                        r[i++] = k < p.K ? p.Weights[c * p.K + k] : (sbyte)0;
                    }
            first += n;
        }
        return r;
    }
}
