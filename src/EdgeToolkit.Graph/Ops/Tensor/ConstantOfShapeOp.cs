namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>ConstantOfShape: a tensor of the given shape filled with the one-element "value" (default float 0).</summary>
public sealed class ConstantOfShapeOp : IOperator
{
    public string OpType => "ConstantOfShape";

    public string? CheckSupported(ShapeContext ctx)
    {
        var v = ctx.Node.GetTensor("value");
        if (v != null && v.Length != 1) return "ConstantOfShape value must hold exactly one element";
        return v != null && v.Type == DataType.String ? "ConstantOfShape of strings is not supported" : null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        var type = ctx.Node.GetTensor("value")?.Type ?? DataType.Float32;
        var shape = ctx.ConstantInput(0);
        if (shape != null) { ctx.SetOutput(0, type, SymShape.Of(shape.ToInt64Array())); return; }
        var s = ctx.InputShape(0);
        ctx.SetOutput(0, type, s.HasRank && s.Rank == 1 && s[0].IsKnown
            ? new SymShape(Enumerable.Repeat(Dim.Unknown, (int)s[0].Value)) : SymShape.UnknownRank);
    }

    public void Evaluate(EvalContext ctx)
    {
        var shape = ctx.Input(0).ToInt64Array().Select(d => checked((int)d)).ToArray();
        var value = ctx.Node.GetTensor("value") ?? Tensor.Scalar(0f);
        var count = Tensor.ElementCountOf(shape);
        var data = ElementGather.Take(value.Data, new int[count]);
        ctx.SetOutput(0, new Tensor(value.Type, shape, data));
    }
}
