using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Reduce;

/// <summary>
/// ArgMax and ArgMin along one axis (default 0), int64 output, keepdims (default 1). Ties go to
/// the first index, or the last with select_last_index=1 (opset 12).
/// </summary>
public sealed class ArgMinMaxOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[] { new ArgOperator("ArgMax", max: true), new ArgOperator("ArgMin", max: false) };
}

internal sealed class ArgOperator : IOperator
{
    private readonly bool _max;
    public string OpType { get; }

    public ArgOperator(string opType, bool max) { OpType = opType; _max = max; }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Numeric);

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (!x.HasRank) { ctx.SetOutput(0, DataType.Int64, SymShape.UnknownRank); return; }
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Rank);
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        var dims = new List<Dim>();
        for (int k = 0; k < x.Rank; k++)
            if (k != axis) dims.Add(x[k]);
            else if (keep) dims.Add(Dim.Of(1));
        ctx.SetOutput(0, DataType.Int64, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", 0), x.Rank);
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0, last = ctx.Node.GetInt("select_last_index", 0) != 0;
        int outer = Axes.Product(x.Shape, 0, axis), length = x.Shape[axis], inner = Axes.Product(x.Shape, axis + 1, x.Rank);
        if (length == 0) throw ctx.Error($"{OpType} over an empty axis has no answer");
        var v = TensorValues.ToDoubles(x);
        var r = new long[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0, start = o * length * inner + i;
                for (int k = 1; k < length; k++)
                {
                    double e = v[start + k * inner], b = v[start + best * inner];
                    bool better = _max ? e > b : e < b;
                    if (better || last && e == b) best = k;
                }
                r[o * inner + i] = best;
            }
        var shape = x.Shape.Select((d, k) => k == axis ? 1 : d).Where((_, k) => keep || k != axis).ToArray();
        ctx.SetOutput(0, Tensor.FromInt64s(shape, r));
    }
}
