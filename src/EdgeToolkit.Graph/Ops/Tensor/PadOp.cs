using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Pad. Pads are [x1_begin, x2_begin, ..., x1_end, x2_end]: the "paddings" (opset 1) or "pads"
/// (2-10) attribute with a float "value", or inputs pads / constant_value (11) / axes (18).
/// Modes constant, reflect (mirror without the edge), edge (repeat the edge) and wrap (opset 19,
/// periodic). Negative pads crop.
/// </summary>
public sealed class PadOp : IOperator
{
    public string OpType => "Pad";

    private static readonly string[] Modes = { "constant", "reflect", "edge", "wrap" };

    public string? CheckSupported(ShapeContext ctx)
    {
        var mode = ctx.Node.GetString("mode", "constant");
        return Modes.Contains(mode) ? null : $"Pad mode '{mode}' is not supported (constant, reflect, edge, wrap are)";
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        int rank = x.Shape.Rank;
        var pads = PadsFrom(ctx);
        var axes = ctx.HasInput(3) ? ctx.ConstantInput(3)?.ToInt64Array() : null;
        if (pads == null || ctx.HasInput(3) && axes == null)
        {
            ctx.SetOutput(0, x.Type, new SymShape(Enumerable.Repeat(Dim.Unknown, rank)));
            return;
        }
        var (begin, end) = PerAxis(pads, axes, rank);
        var dims = new Dim[rank];
        for (int a = 0; a < rank; a++)
        {
            var d = x.Shape[a];
            long add = begin[a] + end[a];
            dims[a] = d.IsKnown ? Dim.Of(d.Value + add) : begin[a] == 0 && end[a] == 0 ? d : Dim.Unknown;
        }
        ctx.SetOutput(0, x.Type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var pads = ctx.HasInput(1) ? ctx.Input(1).ToInt64Array()
            : ctx.Node.GetInts("pads") ?? ctx.Node.GetInts("paddings") ?? throw ctx.Error("Pad needs pads");
        var axes = ctx.HasInput(3) ? ctx.Input(3).ToInt64Array() : null;
        var (begin, end) = PerAxis(pads, axes, x.Rank);
        var mode = ctx.Node.GetString("mode", "constant");
        Array fill = ctx.HasInput(2) && ctx.Input(2).Length > 0 ? ctx.Input(2).Data
            : x.Type == DataType.String ? new[] { "" } : ElementGather.Filled(x.Type, 1, ctx.Node.GetFloat("value", 0f));
        if (fill.GetType() != x.Data.GetType()) throw ctx.Error("Pad constant_value has a different type from the data");

        var outShape = new int[x.Rank];
        var strides = Tensor.Strides(x.Shape);
        var offsets = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
        {
            int n = x.Shape[a];
            outShape[a] = checked((int)(n + begin[a] + end[a]));
            if (outShape[a] < 0) throw ctx.Error($"pads crop axis {a} of size {n} below zero");
            if (n == 0 && outShape[a] > 0 && mode != "constant") throw ctx.Error($"cannot {mode}-pad the empty axis {a}");
            offsets[a] = new int[outShape[a]];
            for (int o = 0; o < outShape[a]; o++)
            {
                long i = SourceIndex(o - begin[a], n, mode);
                offsets[a][o] = i < 0 ? -1 : (int)i * strides[a];
            }
        }
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.ByAxisOffsets(x.Data, outShape, offsets, fill)));
    }

    /// <summary>Which input index feeds position i (may lie outside [0, n)), or -1 for the constant.</summary>
    private static long SourceIndex(long i, long n, string mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case "edge": return Math.Clamp(i, 0, n - 1);
            case "wrap": return ((i % n) + n) % n;
            case "reflect":
                if (n == 1) return 0;
                long period = 2 * (n - 1);
                long m = ((i % period) + period) % period;
                return m < n ? m : period - m;
            default: return -1;
        }
    }

    /// <summary>The pads from input 1 (null when it is not a constant) or from the older attributes.</summary>
    private static long[]? PadsFrom(ShapeContext ctx) =>
        ctx.HasInput(1) ? ctx.ConstantInput(1)?.ToInt64Array()
            : ctx.Node.GetInts("pads") ?? ctx.Node.GetInts("paddings") ?? throw ctx.Error("Pad needs pads");

    /// <summary>Spreads pads given for the listed axes (all axes when none are listed) over every axis.</summary>
    private static (long[] Begin, long[] End) PerAxis(long[] pads, long[]? axes, int rank)
    {
        var which = axes?.Select(a => Axes.Normalize(a, rank)).ToArray() ?? Enumerable.Range(0, rank).ToArray();
        if (pads.Length != 2 * which.Length)
            throw new InvalidOperationException($"pads has {pads.Length} values; expected {2 * which.Length}");
        long[] begin = new long[rank], end = new long[rank];
        for (int k = 0; k < which.Length; k++) { begin[which[k]] = pads[k]; end[which[k]] = pads[k + which.Length]; }
        return (begin, end);
    }
}
