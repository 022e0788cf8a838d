using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Reduce;

/// <summary>
/// The Reduce* family (which axes: see ReduceAxes). keepdims (default 1) keeps reduced dims as 1.
/// Empty reductions give the identity of the operation (0, 1, -inf, +inf; NaN for the mean).
/// </summary>
public sealed class ReduceOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new ReduceOperator("ReduceSum", ReduceKind.Sum),
        new ReduceOperator("ReduceMean", ReduceKind.Mean),
        new ReduceOperator("ReduceMax", ReduceKind.Max),
        new ReduceOperator("ReduceMin", ReduceKind.Min),
        new ReduceOperator("ReduceProd", ReduceKind.Prod),
        new ReduceOperator("ReduceL1", ReduceKind.L1),
        new ReduceOperator("ReduceL2", ReduceKind.L2),
        new ReduceOperator("ReduceSumSquare", ReduceKind.SumSquare),
        new ReduceOperator("ReduceLogSum", ReduceKind.LogSum),
        new ReduceOperator("ReduceLogSumExp", ReduceKind.LogSumExp),
    };
}

internal enum ReduceKind { Sum, Mean, Max, Min, Prod, L1, L2, SumSquare, LogSum, LogSumExp }

internal sealed class ReduceOperator : IOperator
{
    private readonly ReduceKind _kind;
    public string OpType { get; }

    public ReduceOperator(string opType, ReduceKind kind) { OpType = opType; _kind = kind; }

    private bool AxesFromInput(int opset) => opset >= ReduceAxes.AxesInputSince(OpType);
    private bool FloatOnly => _kind is ReduceKind.L2 or ReduceKind.LogSum or ReduceKind.LogSumExp;

    /// <summary>Max and Min take bool from opset 20 (any/all); the log and root kinds are float only.</summary>
    private DataType[] Types => FloatOnly ? TypeSupport.Float : _kind is ReduceKind.Max or ReduceKind.Min ? TypeSupport.NumericOrBool : TypeSupport.Numeric;

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, Types)
        ?? (AxesFromInput(ctx.Opset) ? TypeSupport.Require(ctx, 1, new[] { DataType.Int64 }, "axes") : null);

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var type = ctx.InputType(0);
        bool keep = ReduceAxes.KeepDims(ctx.Node);
        if (!x.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        if (AxesFromInput(ctx.Opset) && Attributes.IsDynamic(ctx, 1))
        {
            // Which axes go is unknown: only the rank survives, and only with keepdims.
            ctx.SetOutput(0, type, keep ? new SymShape(Enumerable.Repeat(Dim.Unknown, x.Rank)) : SymShape.UnknownRank);
            return;
        }
        var reduced = ReduceAxes.Resolve(ctx.Node, ctx.Opset, x.Rank, Attributes.IntsFromAttributeOrInput(ctx, "axes", 1, AxesFromInput(ctx.Opset)));
        var dims = new List<Dim>();
        for (int k = 0; k < x.Rank; k++)
            if (!reduced[k]) dims.Add(x[k]);
            else if (keep) dims.Add(Dim.Of(1));
        ctx.SetOutput(0, type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var reduced = ReduceAxes.Resolve(ctx.Node, ctx.Opset, x.Rank, ctx.OptionalInput(1));
        if (!reduced.Contains(true)) { ctx.SetOutput(0, x.Clone()); return; }
        bool keep = ReduceAxes.KeepDims(ctx.Node);
        var kept = x.Shape.Select((d, k) => reduced[k] ? 1 : d).ToArray();
        var outShape = keep ? kept : x.Shape.Where((_, k) => !reduced[k]).ToArray();
        // Broadcasting the kept-dims shape onto the input gives, per input element, its output slot.
        var slot = Broadcasting.IndexMap(x.Shape, kept);
        int outCount = (int)Tensor.ElementCountOf(kept);
        long count = Tensor.ElementCountOf(x.Shape.Where((_, k) => reduced[k]).ToArray());
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
