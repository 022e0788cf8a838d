using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The last step of the per-channel integer kernels (QConv): an int32 sum requantised by its
/// output channel's multiplier and shift (Requantization), offset by the output zero point,
/// clamped to [act_min, act_max] (the folded Relu/Clip) and stored as int8.
/// </summary>
internal sealed class ModelOutput
{
    private readonly int[] _multipliers, _shifts;
    /// <summary>The zero point is folded into the table's rounding terms (short form only).</summary>
    private readonly bool _zeroPointInTable;

    public int ZeroPoint { get; }
    public int Min { get; }
    public int Max { get; }
    public bool ShortForm { get; }

    /// <param name="accBound">A bound on |acc| over every input.</param>
    public ModelOutput(Node node, int[] multipliers, int[] shifts, long accBound)
    {
        _multipliers = multipliers; _shifts = shifts;
        ZeroPoint = (int)node.GetInt("output_zero_point", 0);
        Min = (int)node.GetInt("act_min", -128);
        Max = (int)node.GetInt("act_max", 127);
        ShortForm = Requantization.ShortFormFits(shifts, accBound);
        _zeroPointInTable = ShortForm && Requantization.ZeroPointFolds(shifts, ZeroPoint);
    }

    public int RowWidth => Requantization.TableWidth(ShortForm);

    /// <summary>The requantisation row of one output channel (what Store reads through its row pointer).</summary>
    public int[] Row(int channel) =>
        Requantization.Table(ShortForm, new[] { _multipliers[channel] }, new[] { _shifts[channel] }, _zeroPointInTable ? ZeroPoint : 0);

    public string RowComment => ShortForm
        ? $"multiplier, e - 2 (e the right shift), 1{(_zeroPointInTable ? " + 2 * output zero point" : "")}"
        : "multiplier, shift";

    /// <summary>Declares `rq`, every channel's row (flash), for Store(..., "rq + RowWidth * oc").</summary>
    public void DeclareTable(KernelContext ctx, string constantName)
    {
        var rows = Enumerable.Range(0, _multipliers.Length).SelectMany(Row).ToArray();
        var symbol = ctx.AddConstant(constantName, Tensor.FromInt32s(new[] { rows.Length }, rows));
        ctx.Code.Line($"const int32_t *rq = {symbol}; /* per output channel: {RowComment} */");
    }

    /// <summary>`target = clamp(R(acc) + zero point)` with the channel's row at `row`, one C block (acc is read once).</summary>
    public string Store(KernelContext ctx, string target, string acc, string row) =>
        $"{{ const int32_t *r = {row}; " + Requantization.FromTable(ctx, ShortForm, "s", acc, "r") +
        $" {target} = (int8_t){Requantization.Saturate(ctx, _zeroPointInTable ? "s" : $"s + {ZeroPoint}", Min, Max)}; }}";
}
