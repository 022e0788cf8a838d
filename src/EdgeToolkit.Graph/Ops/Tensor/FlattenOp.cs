namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Flatten: [d0..dn] to [d0*..*d(axis-1), d(axis)*..*dn]; axis in [-r, r] (negative from opset 11).</summary>
public sealed class FlattenOp : IOperator
{
    public string OpType => "Flatten";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        if (!x.Shape.HasRank) { ctx.SetOutput(0, x.Type, new SymShape(new[] { Dim.Unknown, Dim.Unknown })); return; }
        int axis = Axis(ctx.Node, x.Shape.Rank);
        var dims = x.Shape.Dims!;
        ctx.SetOutput(0, x.Type, new SymShape(new[] { SymDims.Product(dims.Take(axis)), SymDims.Product(dims.Skip(axis)) }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int axis = Axis(ctx.Node, x.Rank);
        int outer = (int)Tensor.ElementCountOf(x.Shape[..axis]);
        int inner = (int)Tensor.ElementCountOf(x.Shape[axis..]);
        ctx.SetOutput(0, x.Reshaped(new[] { outer, inner }));
    }

    private static int Axis(Node node, int rank)
    {
        long axis = node.GetInt("axis", 1);
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank) throw new InvalidOperationException($"axis {axis} is out of range for rank {rank}");
        return (int)a;
    }
}
