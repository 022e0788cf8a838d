namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// OneHot(indices, depth, values=[off, on]): a new axis of size depth (at axis, default -1 = last)
/// holding on where the index matches and off elsewhere; negative indices count from depth, and
/// out-of-range ones give all off.
/// </summary>
public sealed class OneHotOp : IOperator
{
    public string OpType => "OneHot";

    public void InferShapes(ShapeContext ctx)
    {
        var idx = ctx.InputShape(0);
        var type = ctx.InputType(2);
        if (!idx.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        var depth = ctx.ConstantInput(1) is { } d ? Dim.Of(Depth(d)) : Dim.Unknown;
        var dims = idx.Dims!.ToList();
        dims.Insert(Axis(ctx.Node, idx.Rank), depth);
        ctx.SetOutput(0, type, new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx)
    {
        var indices = ctx.Input(0);
        long depth = Depth(ctx.Input(1));
        var values = ctx.Input(2);
        if (values.Length != 2) throw ctx.Error("OneHot values must hold [off, on]");
        int axis = Axis(ctx.Node, indices.Rank);
        var shape = indices.Shape.ToList();
        shape.Insert(axis, (int)depth);
        int outer = (int)Tensor.ElementCountOf(indices.Shape[..axis]), inner = (int)Tensor.ElementCountOf(indices.Shape[axis..]);
        // Source 0 is "off" and 1 is "on" in the values tensor.
        var source = new int[(long)outer * depth * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double v = indices.GetDouble(o * inner + i);
                long k = (long)Math.Truncate(v);
                if (k < 0) k += depth;
                if (k >= 0 && k < depth) source[(o * depth + k) * inner + i] = 1;
            }
        ctx.SetOutput(0, new Tensor(values.Type, shape.ToArray(), ElementGather.Take(values.Data, source)));
    }

    private static long Depth(Tensor t)
    {
        long d = (long)Math.Truncate(t.GetDouble(0));
        return d >= 1 ? d : throw new InvalidOperationException($"OneHot depth {d} must be positive");
    }

    private static int Axis(Node node, int indicesRank)
    {
        long axis = node.GetInt("axis", -1);
        long a = axis < 0 ? axis + indicesRank + 1 : axis;
        if (a < 0 || a > indicesRank) throw new InvalidOperationException($"axis {axis} is out of range for rank {indicesRank + 1}");
        return (int)a;
    }
}
