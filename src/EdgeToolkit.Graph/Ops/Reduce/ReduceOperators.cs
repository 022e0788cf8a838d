using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Reduce;

/// <summary>
/// The Reduce* family. Axes are an attribute before opset 18 (ReduceSum: before 13) and an
/// optional input from then on. No axes reduces everything, unless noop_with_empty_axes=1 (only
/// in the input form), which makes the op an identity. keepdims (default 1) keeps reduced dims as 1.
/// </summary>
public sealed class ReduceOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new ReduceOperator("ReduceSum", 13, ReduceKind.Sum),
        new ReduceOperator("ReduceMean", 18, ReduceKind.Mean),
        new ReduceOperator("ReduceMax", 18, ReduceKind.Max),
        new ReduceOperator("ReduceMin", 18, ReduceKind.Min),
        new ReduceOperator("ReduceProd", 18, ReduceKind.Prod),
        new ReduceOperator("ReduceL1", 18, ReduceKind.L1),
        new ReduceOperator("ReduceL2", 18, ReduceKind.L2),
        new ReduceOperator("ReduceSumSquare", 18, ReduceKind.SumSquare),
        new ReduceOperator("ReduceLogSum", 18, ReduceKind.LogSum),
        new ReduceOperator("ReduceLogSumExp", 18, ReduceKind.LogSumExp),
    };
}

internal enum ReduceKind { Sum, Mean, Max, Min, Prod, L1, L2, SumSquare, LogSum, LogSumExp }

internal sealed class ReduceOperator : IOperator
{
    private readonly int _axesInputSince;
    private readonly ReduceKind _kind;
    public string OpType { get; }

    public ReduceOperator(string opType, int axesInputSince, ReduceKind kind)
    {
        OpType = opType; _axesInputSince = axesInputSince; _kind = kind;
    }

    private bool AxesFromInput(int opset) => opset >= _axesInputSince;
    private bool FloatOnly => _kind is ReduceKind.L2 or ReduceKind.LogSum or ReduceKind.LogSumExp;

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, FloatOnly ? TypeSupport.Float : TypeSupport.Numeric)
        ?? (AxesFromInput(ctx.Opset) ? TypeSupport.Require(ctx, 1, new[] { DataType.Int64 }, "axes") : null);

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var type = ctx.InputType(0);
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        if (!x.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        if (AxesFromInput(ctx.Opset) && Attributes.IsDynamic(ctx, 1))
        {
            // Which axes go is unknown: only the rank survives, and only with keepdims.
            ctx.SetOutput(0, type, keep ? new SymShape(Enumerable.Repeat(Dim.Unknown, x.Rank)) : SymShape.UnknownRank);
            return;
        }
        var reduced = ReducedAxes(Attributes.IntsFromAttributeOrInput(ctx, "axes", 1, AxesFromInput(ctx.Opset)), x.Rank, ctx.Node, ctx.Opset);
        var dims = new List<Dim>();
        for (int k = 0; k < x.Rank; k++)
            if (!reduced[k]) dims.Add(x[k]);
            else if (keep) dims.Add(Dim.Of(1));
        ctx.SetOutput(0, type, new SymShape(dims));
    }

    /// <summary>Which dims are reduced; all false means identity (noop_with_empty_axes).</summary>
    private bool[] ReducedAxes(long[]? axes, int rank, Node node, int opset)
    {
        var reduced = new bool[rank];
        if (axes == null || axes.Length == 0)
        {
            bool noop = AxesFromInput(opset) && node.GetInt("noop_with_empty_axes", 0) != 0;
            if (!noop) Array.Fill(reduced, true);
            return reduced;
        }
        foreach (var a in Axes.Normalize(axes, rank)) reduced[a] = true;
        return reduced;
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var reduced = ReducedAxes(Attributes.IntsFromAttributeOrInput(ctx, "axes", 1, AxesFromInput(ctx.Opset)), x.Rank, ctx.Node, ctx.Opset);
        if (!reduced.Contains(true)) { ctx.SetOutput(0, x.Clone()); return; }
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        var kept = x.Shape.Select((d, k) => reduced[k] ? 1 : d).ToArray();
        var outShape = keep ? kept : x.Shape.Where((_, k) => !reduced[k]).ToArray();
        // Broadcasting the kept-dims shape onto the input gives, per input element, its output slot.
        var slot = Broadcasting.IndexMap(x.Shape, kept);
        int outCount = (int)Tensor.ElementCountOf(kept);
        long count = x.Length / Math.Max(outCount, 1);
        if (x.Length == 0) count = Tensor.ElementCountOf(x.Shape.Where((_, k) => reduced[k]).ToArray());
        ctx.SetOutput(0, x.Type.IsFloat() ? ReduceFloat(x, slot, outCount, count, outShape) : ReduceInt(x, slot, outCount, count, outShape));
    }

    private Tensor ReduceFloat(Tensor x, int[] slot, int outCount, long count, int[] outShape)
    {
        var v = TensorValues.ToDoubles(x);
        var acc = new double[outCount];
        Array.Fill(acc, _kind switch { ReduceKind.Max => double.NegativeInfinity, ReduceKind.Min => double.PositiveInfinity, ReduceKind.Prod => 1, _ => 0 });
        for (int i = 0; i < v.Length; i++)
        {
            ref double a = ref acc[slot[i]];
            double e = v[i];
            a = _kind switch
            {
                // NaN propagates, as numpy's maximum/minimum reductions do.
                ReduceKind.Max => e > a || double.IsNaN(e) ? e : a,
                ReduceKind.Min => e < a || double.IsNaN(e) ? e : a,
                ReduceKind.Prod => a * e,
                ReduceKind.L1 => a + Math.Abs(e),
                ReduceKind.L2 or ReduceKind.SumSquare => a + e * e,
                ReduceKind.LogSumExp => a + Math.Exp(e),
                _ => a + e,
            };
        }
        for (int o = 0; o < outCount; o++)
            acc[o] = _kind switch
            {
                ReduceKind.Mean => acc[o] / count,
                ReduceKind.L2 => Math.Sqrt(acc[o]),
                ReduceKind.LogSum or ReduceKind.LogSumExp => Math.Log(acc[o]),
                _ => acc[o],
            };
        return TensorValues.FromDoubles(x.Type, outShape, acc);
    }

    private Tensor ReduceInt(Tensor x, int[] slot, int outCount, long count, int[] outShape)
    {
        var v = TensorValues.ToLongs(x);
        var acc = new long[outCount];
        Array.Fill(acc, _kind switch { ReduceKind.Max => long.MinValue, ReduceKind.Min => long.MaxValue, ReduceKind.Prod => 1L, _ => 0L });
        for (int i = 0; i < v.Length; i++)
        {
            ref long a = ref acc[slot[i]];
            long e = v[i];
            a = unchecked(_kind switch
            {
                ReduceKind.Max => Math.Max(a, e),
                ReduceKind.Min => Math.Min(a, e),
                ReduceKind.Prod => a * e,
                ReduceKind.L1 => a + Math.Abs(e),
                ReduceKind.SumSquare => a + e * e,
                _ => a + e,
            });
        }
        // Integer mean truncates, as ONNX Runtime's integer division does.
        if (_kind == ReduceKind.Mean && count > 0) for (int o = 0; o < outCount; o++) acc[o] /= count;
        return TensorValues.FromLongs(x.Type, outShape, acc);
    }
}
