using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Activation;

/// <summary>
/// Clip: min/max are attributes before opset 11 (defaults: the float range), optional scalar
/// inputs from opset 11 (integer types from 12). With min &gt; max every value becomes max, as
/// the spec says, which max-then-min gives.
/// </summary>
public sealed class ClipOperator : IOperator
{
    public string OpType => "Clip";

    public string? CheckSupported(ShapeContext ctx)
    {
        // Integer inputs arrived with opset 12; the attribute form is float only.
        var why = TypeSupport.Require(ctx, 0, ctx.Opset < 12 ? TypeSupport.Float : TypeSupport.Numeric) ?? TypeSupport.RequireSame(ctx, 0, 1, 2);
        if (why != null || ctx.Opset < 11) return why;
        for (int i = 1; i <= 2; i++)
            if (ctx.HasInput(i) && ctx.InputShape(i) is { HasRank: true } s && s.ElementCount is long n && n != 1)
                return $"Clip's {(i == 1 ? "min" : "max")} must be a scalar, got shape {s}";
        return null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        if (ctx.Opset < 11)
        {
            double lo = ctx.Node.GetFloat("min", float.MinValue), hi = ctx.Node.GetFloat("max", float.MaxValue);
            ctx.SetOutput(0, ElementwiseKernels.Map(x, v => Math.Min(Math.Max(v, lo), hi)));
            return;
        }
        Tensor? min = ctx.OptionalInput(1), max = ctx.OptionalInput(2);
        if (x.Type.IsFloat())
        {
            double lo = min != null ? TensorValues.ScalarDouble(min) : double.NegativeInfinity;
            double hi = max != null ? TensorValues.ScalarDouble(max) : double.PositiveInfinity;
            ctx.SetOutput(0, ElementwiseKernels.Map(x, v => Math.Min(Math.Max(v, lo), hi)));
        }
        else
        {
            long lo = min != null ? TensorValues.ScalarLong(min) : long.MinValue;
            long hi = max != null ? TensorValues.ScalarLong(max) : long.MaxValue;
            ctx.SetOutput(0, ElementwiseKernels.Map(x, null, v => Math.Min(Math.Max(v, lo), hi)));
        }
    }
}
