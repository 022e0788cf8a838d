using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Squeeze: removes the listed size-1 axes (attribute before opset 13, input from 13), or every
/// size-1 axis when none are listed.
/// </summary>
public sealed class SqueezeOp : IOperator
{
    public string OpType => "Squeeze";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var (found, axes) = OpArguments.IntsFrom(ctx, 1, "axes");
        if (!x.Shape.HasRank || found && axes == null) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var dims = x.Shape.Dims!;
        if (!found && dims.Any(d => !d.IsKnown)) { ctx.SetOutput(0, x.Type, SymShape.UnknownRank); return; }
        var drop = Dropped(dims.Select(d => d.IsKnown ? d.Value : -1).ToArray(), axes);
        ctx.SetOutput(0, x.Type, new SymShape(dims.Where((_, i) => !drop.Contains(i))));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var drop = Dropped(x.Shape.Select(d => (long)d).ToArray(), OpArguments.IntsFrom(ctx, 1, "axes"));
        ctx.SetOutput(0, x.Reshaped(x.Shape.Where((_, i) => !drop.Contains(i)).ToArray()));
    }

    private static HashSet<int> Dropped(long[] dims, long[]? axes)
    {
        if (axes == null) return Enumerable.Range(0, dims.Length).Where(i => dims[i] == 1).ToHashSet();
        var drop = axes.Select(a => Axes.Normalize(a, dims.Length)).ToHashSet();
        foreach (var a in drop)
            if (dims[a] >= 0 && dims[a] != 1) throw new InvalidOperationException($"cannot squeeze axis {a} of size {dims[a]}");
        return drop;
    }
}
