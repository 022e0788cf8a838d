using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The per-output-channel part of a QGemm kernel: the bias an accumulator starts from, and the
/// requantisation of the finished sum to int8 (R(acc, M, S) + zy, clamped, stored). The channel
/// constants sit in one table, a record per channel in the order the blocks read them, behind
/// one pointer `rq` that walks with the blocks (separate arrays cost a register each, and the
/// sum loop leaves none to spare); when every channel has the same multiplier and shift, only
/// the bias is in the table and the rest are literals.
///
/// R is etk_requantize's arithmetic (TFLite's double rounding). With a right shift e = -S, both
/// roundings and the zero point fold into one 64-bit multiply-add and a shift:
///   R + zy = (acc M + 2^30 + 2^(30+e) + zy 2^(31+e) - [acc &lt; 0] 2^31) &gt;&gt; (31 + e)
/// (the high multiply is floor((acc M + 2^30) / 2^31) exactly; the rounding shift of h is
/// floor((h + 2^(e-1) - [h &lt; 0]) / 2^e); nested floors of integer divisions merge; [h &lt; 0] and
/// [acc &lt; 0] differ only where acc M is in [-2^30, 0), where both forms give 0). For 2 &lt;= e &lt;= 23
/// the added constant is H 2^32 + (2^30 - [acc &lt; 0] 2^31) with H = 2^(e-2) + zy 2^(e-1): a high
/// word H + (acc &gt;&gt; 31) and a low word 2^30 | (acc &amp; 2^31), so the sum is one SMLAL on
/// registers set by two ALU operations, and since 31 + e &gt; 32 the result is its high word
/// shifted right by e - 1 (no 64-bit shift; nothing overflows while e &lt;= 23). QGemmRequantTests
/// checks it against FixedPoint on edge cases. Channels with M = 0 give zy with any e, so take
/// e = 2. Any other shift (left shifts, e = 1, e &gt; 23) takes etk_requantize for every channel.
/// </summary>
internal sealed class QGemmRequant
{
    private readonly QGemmProblem _p;
    private readonly KernelContext _ctx;
    private readonly bool _singleStep;
    private readonly bool _uniform;
    private readonly int[] _high;
    private readonly int[] _rshift;
    private Tensor? _table;

    public QGemmRequant(KernelContext ctx, QGemmProblem p)
    {
        _ctx = ctx; _p = p;
        _singleStep = Enumerable.Range(0, p.N).All(c => p.Multiplier[c] == 0 || (p.Multiplier[c] > 0 && -p.Shift[c] is >= 2 and <= 23));
        _uniform = p.Multiplier.All(m => m == p.Multiplier[0]) && p.Shift.All(s => s == p.Shift[0]);
        var e = Enumerable.Range(0, p.N).Select(c => p.Multiplier[c] == 0 ? 2 : Math.Clamp(-p.Shift[c], 2, 23)).ToArray();
        _high = e.Select(v => (1 << (v - 2)) + p.ZeroPoint * (1 << (v - 1))).ToArray();
        _rshift = e.Select(v => v - 1).ToArray();
    }

    /// <summary>int32 words per channel in the table: bias, then multiplier, H and right shift, or multiplier and shift.</summary>
    private int Stride => _uniform ? 1 : _singleStep ? 4 : 3;

    /// <summary>How the sums are scaled, for the kernel's comment.</summary>
    public string Describe() => (_singleStep ? "requantised in one 64-bit multiply-add and shift" : "requantised by etk_requantize") +
        (_uniform ? " (one multiplier for all channels)" : " (per-channel multipliers)");

    /// <summary>What a table record holds, for the kernel's comment.</summary>
    public string TableLayout() => _uniform ? "rq: the bias of each channel"
        : _singleStep ? "rq: per channel {bias, multiplier, H (rounding and zero point), right shift}" : "rq: per channel {bias, multiplier, shift}";

    /// <summary>The requantisation as the stores write it, for the kernel's comment.</summary>
    public string Formula() => _singleStep
        ? "y = sat(hi32(acc M + ((H + (acc >> 31)) << 32 | 2^30 | (acc & 2^31))) >> rs): TFLite's two roundings and the zero point in one multiply-add (QGemmRequant)"
        : "y = sat(etk_requantize(acc, M, S) + zero point)";

    public void Declare(CWriter w)
    {
        w.Line("const int32_t *rq;");
        if (_singleStep) w.Line("int64_t t;");
    }

    /// <summary>Points rq at the first channel (before each row).</summary>
    public void Rewind(CWriter w) => w.Line($"rq = {_ctx.AddConstant(_ctx.Node.Name + "_rq", Table())};");

    /// <summary>The bias of channel j of the current block.</summary>
    public string Bias(int j) => $"rq[{Stride * j}]";

    /// <summary>Requantises accumulator `acc` of block channel j into y[j] (uses the int32_t v and int64_t t declared by Declare and the kernel).</summary>
    public void Store(CWriter w, string acc, int j)
    {
        int r = Stride * j;
        string m = _uniform ? _p.Multiplier[0].ToString() : $"rq[{r + 1}]";
        if (_singleStep)
        {
            string high = _uniform ? _high[0].ToString() : $"rq[{r + 2}]", rs = _uniform ? _rshift[0].ToString() : $"rq[{r + 3}]";
            w.Line($"t = (int64_t){acc} * {m} + (int64_t)(((uint64_t)(uint32_t)({high} + ({acc} >> 31)) << 32) | ((uint32_t)({acc} & INT32_MIN) | 0x40000000u));");
            w.Line($"v = (int32_t)(t >> 32) >> {rs};");
        }
        else
        {
            w.Line($"v = {_ctx.UseHelper("requant")}({acc}, {m}, {(_uniform ? _p.Shift[0].ToString() : $"rq[{r + 2}]")});");
            if (_p.ZeroPoint != 0) w.Line($"v += {_p.ZeroPoint};");
        }
        if (_p.Max == 127) w.Line($"v = {_ctx.UseHelper("sat_s8")}(v);");
        else w.Line($"v = v > {_p.Max} ? {_p.Max} : v;");
        if (_p.Min > -128 || _p.Max < 127) w.Line($"v = v < {_p.Min} ? {_p.Min} : v;");
        w.Line($"y[{j}] = (int8_t)v;");
    }

    /// <summary>Moves rq on by one block of `width` channels.</summary>
    public void Advance(CWriter w, int width) => w.Line($"rq += {Stride * width};");

    private Tensor Table()
    {
        // One tensor object: every Rewind names the same symbol.
        if (_table != null) return _table;
        var t = new int[_p.N * Stride];
        for (int c = 0; c < _p.N; c++)
        {
            int i = c * Stride;
            t[i] = _p.Bias[c];
            if (_uniform) continue;
            t[i + 1] = _p.Multiplier[c];
            if (_singleStep)
            {
                t[i + 2] = _high[c];
                t[i + 3] = _rshift[c];
            }
            else t[i + 2] = _p.Shift[c];
        }
        return _table = Tensor.FromInt32s(new[] { t.Length }, t);
    }
}
