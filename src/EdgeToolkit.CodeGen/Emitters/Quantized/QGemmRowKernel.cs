using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The portable QGemm for cores without SMLAD (Cortex-M0/M3, host, AArch64): W stays in its
/// [N, K] rows, and Width rows are summed together with one index k for the input and every
/// weight row, so each input (int8, or int16 in the 16x8 mode) is loaded once per pass (on ARMv6-M
/// register-offset LDRSB/LDRSH are the only signed loads, and a shared index feeds all of them).
/// </summary>
internal sealed class QGemmRowKernel(KernelContext ctx, QGemmProblem p)
{
    /// <summary>Rows per pass: 4 accumulators, 4 row pointers, x, k and two temporaries fit Thumb-1's low registers with few spills.</summary>
    public const int MaxWidth = 4;

    public void Write()
    {
        var w = ctx.Code;
        var rq = new QGemmRequant(ctx, p);
        var (width, full, tail) = p.Blocks(MaxWidth);
        w.Line($"/* QGemm '{CNames.Comment(ctx.Node.Name)}': [{p.Rows}x{p.K}] {p.Type.OnnxName()} x int8 W[{p.N}x{p.K}]^T, int32 sums from the folded bias, " +
               $"{width} output channel{(width > 1 ? "s" : "")} per pass; {rq.Describe()}, clamped to [{p.Min}, {p.Max}] */");
        w.Line($"/* {rq.TableLayout()}; {rq.Formula()} */");
        w.Line($"{p.CType} *y = {ctx.Out(0)};");
        w.Line("const int8_t *w;");
        w.Line("int32_t v;");
        w.Line("int k;");
        if (full > 1) w.Line("int b;");
        if (p.Rows > 1) w.Line("int m;");
        rq.Declare(w);
        var rows = p.Rows > 1 ? w.Block($"for (m = 0; m < {p.Rows}; m++)") : null;
        w.Line($"const {p.CType} *x = {ctx.In(0)}{(p.Rows > 1 ? $" + m * {p.K}" : "")};");
        w.Line($"w = {ctx.In(1)};");
        rq.Rewind(w);
        using (full > 1 ? w.Block($"for (b = 0; b < {full}; b++)") : w.Scope()) Block(w, rq, width);
        if (tail > 0) using (w.Scope()) Block(w, rq, tail);
        rows?.Dispose();
    }

    private void Block(CWriter w, QGemmRequant rq, int r)
    {
        var j = Enumerable.Range(0, r).ToList();
        w.Line("const int8_t " + string.Join(", ", j.Select(i => i == 0 ? "*w0 = w" : $"*w{i} = w + {i * p.K}")) + ";");
        w.Line("int32_t " + string.Join(", ", j.Select(i => $"a{i} = {rq.Bias(i)}")) + ";");
        using (w.Block($"for (k = 0; k < {p.K}; k++)"))
        {
            w.Line("const int32_t xk = x[k];");
            w.Line(string.Join(" ", j.Select(i => $"a{i} += xk * w{i}[k];")));
        }
        foreach (var i in j) rq.Store(w, $"a{i}", i);
        w.Line($"y += {r};");
        w.Line($"w += {r * p.K};");
        rq.Advance(w, r);
    }
}
