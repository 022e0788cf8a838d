using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The per-output-channel part of a QGemm kernel: the bias an accumulator starts from, and the
/// requantisation of the finished sum (R(acc, M, S) + zy, clamped, stored). The channel
/// constants sit in one table, a record per channel in the order the blocks read them, behind
/// one pointer `rq` that walks with the blocks (separate arrays cost a register each, and the
/// sum loop leaves none to spare); when every channel has the same multiplier and shift, only
/// the bias is in the table and the rest are literals; when they share the shift (RequantTerms
/// gives every channel of a layer one shift), a record is {bias, M} and the shift a literal.
///
/// R is etk_requantize's arithmetic (TFLite's single rounding): R = floor((acc M + 2^(30+e)) /
/// 2^(31+e)) for a right shift e = -S. For e &gt;= 2 it is CMSIS-NN's single-rounding form on the
/// high word h = floor(acc M / 2^32) (one SMULL): R = ((h &gt;&gt; n) + 1) &gt;&gt; 1 with n = e - 2
/// (nested floors of divisions by powers of two merge), and the zero point folds into the
/// rounding term: R + zy = ((h &gt;&gt; n) + 2 zy + 1) &gt;&gt; 1. |acc M| &lt;= 2^62, so |h| &lt;= 2^30 and
/// nothing overflows for any n in [0, 29]. A record is then {bias, M, n}: three words, as for the
/// helper's {bias, M, S}. Channels with M = 0 give zy with any n, so take n = 0. Any other
/// shift (left shifts, e = 0 or 1) takes etk_requantize for every channel. KernelZoo's
/// requantisation edge cases check both forms against FixedPoint on every target.
/// </summary>
internal sealed class QGemmRequant
{
    private readonly QGemmProblem _p;
    private readonly KernelContext _ctx;
    private readonly bool _highWord;
    private readonly bool _uniform;
    private readonly int[] _n;
    /// <summary>The n (or S) every channel with a nonzero multiplier shares, when they do.</summary>
    private readonly int? _sharedShift;
    private Tensor? _table;

    public QGemmRequant(KernelContext ctx, QGemmProblem p)
    {
        _ctx = ctx; _p = p;
        _highWord = Enumerable.Range(0, p.N).All(c => p.Multiplier[c] == 0 || (p.Multiplier[c] > 0 && -p.Shift[c] is >= 2 and <= 31));
        _uniform = p.Multiplier.All(m => m == p.Multiplier[0]) && p.Shift.All(s => s == p.Shift[0]);
        _n = Enumerable.Range(0, p.N).Select(c => p.Multiplier[c] == 0 ? 0 : Math.Clamp(-p.Shift[c] - 2, 0, 29)).ToArray();
        var shifts = Enumerable.Range(0, p.N).Where(c => p.Multiplier[c] != 0).Select(c => _highWord ? _n[c] : p.Shift[c]).Distinct().ToList();
        // A channel with M = 0 gives the same result with any shift, so it does not break sharing.
        _sharedShift = shifts.Count == 1 ? shifts[0] : shifts.Count == 0 ? 0 : null;
    }

    /// <summary>int32 words per channel in the table: the bias, then the multiplier and n (or S).</summary>
    private int Stride => _uniform ? 1 : _sharedShift != null ? 2 : 3;

    /// <summary>2 zy + 1: the rounding term with the zero point folded in.</summary>
    private long RoundingAndZero => 2L * _p.ZeroPoint + 1;

    /// <summary>How the sums are scaled, for the kernel's comment.</summary>
    public string Describe() => (_highWord ? "requantised from the high word of acc * M" : "requantised by etk_requantize") +
        (_uniform ? " (one multiplier for all channels)" : " (per-channel multipliers)");

    /// <summary>What a table record holds, for the kernel's comment.</summary>
    public string TableLayout() => _uniform ? "rq: the bias of each channel"
        : _sharedShift != null ? $"rq: per channel {{bias, multiplier M}}; {(_highWord ? "n" : "shift")} = {_sharedShift} for every channel"
        : _highWord ? "rq: per channel {bias, multiplier M, n = -shift - 2}" : "rq: per channel {bias, multiplier, shift}";

    /// <summary>The requantisation as the stores write it, for the kernel's comment.</summary>
    public string Formula() => _highWord
        ? $"y = sat((((int32_t)((acc * M) >> 32) >> n) + {RoundingAndZero}) >> 1): TFLite's single rounding with the zero point {_p.ZeroPoint} folded in (QGemmRequant)"
        : $"y = sat(etk_requantize(acc, M, S) + {_p.ZeroPoint}), the clamp applied before the zero point";

    public void Declare(CWriter w) => w.Line("const int32_t *rq;");

    /// <summary>Points rq at the first channel (before each row).</summary>
    public void Rewind(CWriter w) => w.Line($"rq = {_ctx.AddConstant(_ctx.Node.Name + "_rq", Table())};");

    /// <summary>The bias of channel j of the current block.</summary>
    public string Bias(int j) => $"rq[{Stride * j}]";

    /// <summary>Requantises accumulator `acc` of block channel j into y[j] (uses the int32_t v declared by the kernel).</summary>
    public void Store(CWriter w, string acc, int j)
    {
        int r = Stride * j;
        string m = _uniform ? _p.Multiplier[0].ToString() : $"rq[{r + 1}]";
        string shift = _uniform ? (_highWord ? _n[0] : _p.Shift[0]).ToString() : _sharedShift is int shared ? shared.ToString() : $"rq[{r + 2}]";
        int lo = _p.Min, hi = _p.Max;
        if (_highWord)
            w.Line($"v = (((int32_t)(((int64_t){acc} * {m}) >> 32) >> {shift}) + {RoundingAndZero}) >> 1;");
        else
        {
            // The zero point is added after the clamp, moved to [min - zy, max - zy]: R may be near the int32 limits.
            w.Line($"v = {_ctx.UseHelper("requant")}({acc}, {m}, {shift});");
            lo -= _p.ZeroPoint; hi -= _p.ZeroPoint;
        }
        if (lo == _p.QMin && hi == _p.QMax) w.Line($"v = {_ctx.UseHelper(_p.SaturateHelper)}(v);");
        else
        {
            w.Line($"v = v > {hi} ? {hi} : v;");
            w.Line($"v = v < {lo} ? {lo} : v;");
        }
        string zero = _highWord || _p.ZeroPoint == 0 ? "" : _p.ZeroPoint > 0 ? $" + {_p.ZeroPoint}" : $" - {-_p.ZeroPoint}";
        w.Line($"y[{j}] = ({_p.CType})(v{zero});");
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
            if (Stride == 3) t[i + 2] = _highWord ? _n[c] : _p.Shift[c];
        }
        return _table = Tensor.FromInt32s(new[] { t.Length }, t);
    }
}
