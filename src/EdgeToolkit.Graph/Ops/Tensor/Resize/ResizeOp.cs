namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Resize (opsets 10-19) and Upsample (7-9) in modes nearest (any element type: it only moves
/// data), linear and cubic (11+; float32, separable along each axis). Inputs: X, scales (opset 10
/// and Upsample 9), or X, roi, scales, sizes (11+, with axes and keep_aspect_ratio_policy from 18).
/// Opset 10 and Upsample sample at x / scale and take the floor. tf_crop_and_resize reads roi
/// (input 1) and fills samples outside the input with extrapolation_value. Refused: antialias.
/// </summary>
public sealed class ResizeOp : IOperator
{
    public string OpType => "Resize";

    public string? CheckSupported(ShapeContext ctx) => ResizePlan.Check(ctx);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ResizePlan.OutputShape(ctx));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ResizePlan.For(ctx).Apply(ctx.Input(0)));
}

/// <summary>Upsample (deprecated in opset 10 for Resize): scales as attribute (7-8) or input 1 (9).</summary>
public sealed class UpsampleOp : IOperator
{
    public string OpType => "Upsample";

    public string? CheckSupported(ShapeContext ctx) => ResizePlan.Check(ctx);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ResizePlan.OutputShape(ctx));

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, ResizePlan.For(ctx).Apply(ctx.Input(0)));
}
