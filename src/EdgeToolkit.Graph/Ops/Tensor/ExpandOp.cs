using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Expand: broadcasts the input against the shape input (numpy rules, either side may be 1).</summary>
public sealed class ExpandOp : IOperator
{
    public string OpType => "Expand";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var shape = ctx.ConstantInput(1);
        if (shape != null) { ctx.SetOutput(0, x.Type, Broadcasting.Shapes(x.Shape, SymShape.Of(shape.ToInt64Array()))); return; }
        var s = ctx.InputShape(1);
        ctx.SetOutput(0, x.Type, x.Shape.HasRank && s.HasRank && s.Rank == 1 && s[0].IsKnown
            ? new SymShape(Enumerable.Repeat(Dim.Unknown, (int)Math.Max(x.Shape.Rank, s[0].Value))) : SymShape.UnknownRank);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var target = ctx.Input(1).ToInt64Array().Select(d => checked((int)d)).ToArray();
        var outShape = Broadcasting.Shapes(x.Shape, target);
        ctx.SetOutput(0, new Tensor(x.Type, outShape, ElementGather.Take(x.Data, Broadcasting.IndexMap(outShape, x.Shape))));
    }
}
