namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Size: the input's element count as an int64 scalar.</summary>
public sealed class SizeOp : IOperator
{
    public string OpType => "Size";

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Int64, SymShape.Scalar);

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, Tensor.Scalar((long)ctx.Input(0).Length));
}
