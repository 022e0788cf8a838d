using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Unsqueeze: inserts size-1 axes at the listed positions of the output (attribute before
/// opset 13, input from 13; negative axes count from the output's end).
/// </summary>
public sealed class UnsqueezeOp : IOperator
{
    public string OpType => "Unsqueeze";

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        var (found, axes) = OpArguments.IntsFrom(ctx, 1, "axes");
        if (!found) throw ctx.Error("Unsqueeze needs axes");
        if (!x.Shape.HasRank || axes == null)
        {
            // Without the axes' values the rank is still known from how many there are.
            var count = ctx.HasInput(1) && ctx.InputShape(1) is { HasRank: true, Rank: 1 } s && s[0].IsKnown ? (int)s[0].Value : -1;
            ctx.SetOutput(0, x.Type, x.Shape.HasRank && count >= 0 ? new SymShape(Enumerable.Repeat(Dim.Unknown, x.Shape.Rank + count)) : SymShape.UnknownRank);
            return;
        }
        ctx.SetOutput(0, x.Type, new SymShape(Insert(x.Shape.Dims!, axes, Dim.Of(1))));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var axes = OpArguments.IntsFrom(ctx, 1, "axes") ?? throw ctx.Error("Unsqueeze needs axes");
        ctx.SetOutput(0, x.Reshaped(Insert(x.Shape, axes, 1)));
    }

    private static T[] Insert<T>(IReadOnlyList<T> dims, long[] axes, T one)
    {
        int rank = dims.Count + axes.Length;
        var at = axes.Select(a => Axes.Normalize(a, rank)).ToHashSet();
        if (at.Count != axes.Length) throw new InvalidOperationException("Unsqueeze axes repeat");
        var r = new T[rank];
        for (int i = 0, k = 0; i < rank; i++) r[i] = at.Contains(i) ? one : dims[k++];
        return r;
    }
}
