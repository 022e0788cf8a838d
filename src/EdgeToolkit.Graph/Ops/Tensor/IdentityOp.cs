namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Identity: the output is the input (tensors are immutable, so no copy is needed).</summary>
public sealed class IdentityOp : IOperator
{
    public string OpType => "Identity";

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ctx.Input(0));
}
