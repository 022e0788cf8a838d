namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>EyeLike: a 2-D tensor shaped like the input with ones on diagonal k, of type dtype (default: the input's).</summary>
public sealed class EyeLikeOp : IOperator
{
    public string OpType => "EyeLike";

    public string? CheckSupported(ShapeContext ctx)
    {
        var s = ctx.InputShape(0);
        if (s.HasRank && s.Rank != 2) return "EyeLike needs a 2-D input";
        return OutputType(ctx.Node, ctx.InputType(0)) is DataType.String or DataType.Undefined ? "EyeLike needs a numeric or bool type" : null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, OutputType(ctx.Node, ctx.InputType(0)), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var type = OutputType(ctx.Node, x.Type);
        long k = ctx.Node.GetInt("k", 0);
        int cols = x.Shape[1];
        var source = new int[x.Length];
        for (int i = 0; i < source.Length; i++) source[i] = i % cols - i / cols == k ? 0 : -1;
        var data = ElementGather.Take(ElementGather.Filled(type, 1, 1), source, ElementGather.Filled(type, 1, 0));
        ctx.SetOutput(0, new Tensor(type, x.Shape, data));
    }

    private static DataType OutputType(Node node, DataType input) =>
        node.HasAttribute("dtype") ? (DataType)node.GetInt("dtype", 0) : input;
}
