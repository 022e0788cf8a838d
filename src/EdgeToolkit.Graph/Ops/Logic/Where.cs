using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Logic;

/// <summary>Where(condition, X, Y): picks from X where true, else Y, all three broadcast together.</summary>
public sealed class WhereOperator : IOperator
{
    public string OpType => "Where";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Bool, "condition")
        ?? TypeSupport.Require(ctx, 1, TypeSupport.NumericOrBool, "X")
        ?? TypeSupport.RequireSame(ctx, 1, 2);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(1), ElementwiseKernels.BroadcastInputs(ctx));

    public void Evaluate(EvalContext ctx)
    {
        Tensor c = ctx.Input(0), x = ctx.Input(1), y = ctx.Input(2);
        var shape = Broadcasting.Shapes(c.Shape, x.Shape, y.Shape);
        int[] ic = Broadcasting.IndexMap(shape, c.Shape), ix = Broadcasting.IndexMap(shape, x.Shape), iy = Broadcasting.IndexMap(shape, y.Shape);
        var cond = c.Bools;
        var dst = Array.CreateInstance(x.Data.GetType().GetElementType()!, ic.Length);
        for (int i = 0; i < ic.Length; i++)
            Array.Copy(cond[ic[i]] ? x.Data : y.Data, cond[ic[i]] ? ix[i] : iy[i], dst, i, 1);
        ctx.SetOutput(0, new Tensor(x.Type, shape, dst));
    }
}
