namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Shape: the input's dims as int64, optionally the slice [start, end) (opset 15, clamped like Python).</summary>
public sealed class ShapeOp : IOperator
{
    public string OpType => "Shape";

    public void InferShapes(ShapeContext ctx)
    {
        var s = ctx.InputShape(0);
        ctx.SetOutput(0, DataType.Int64, s.HasRank ? SymShape.Of(Range(ctx.Node, s.Rank).Length) : new SymShape(new[] { Dim.Unknown }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var (start, length) = Range(ctx.Node, x.Rank);
        var dims = x.Shape.Skip(start).Take(length).Select(d => (long)d).ToArray();
        ctx.SetOutput(0, Tensor.Vector(dims));
    }

    private static (int Start, int Length) Range(Node node, int rank)
    {
        int Clamp(long v) => (int)Math.Clamp(v < 0 ? v + rank : v, 0, rank);
        int start = Clamp(node.GetInt("start", 0)), end = Clamp(node.GetInt("end", rank));
        return (start, Math.Max(0, end - start));
    }
}
