using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Activation;

/// <summary>
/// PRelu: y = x &lt; 0 ? slope * x : x, with slope broadcasting unidirectionally to X (e.g. a
/// per-channel slope of shape [C, 1, 1] against [N, C, H, W]). The output has X's shape.
/// Before opset 7 a 1-D slope of length C was per channel (dim 1), as old PyTorch exports use it.
/// </summary>
public sealed class PReluOperator : IOperator
{
    public string OpType => "PRelu";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.RequireAll(ctx, TypeSupport.SignedNumeric) ?? TypeSupport.RequireSame(ctx, 0, 1);

    public void InferShapes(ShapeContext ctx)
    {
        if (!Broadcasting.CanBroadcastTo(LegacyChannelSlope(ctx.Opset, ctx.InputShape(1), ctx.InputShape(0)), ctx.InputShape(0)))
            throw ctx.Error($"PRelu slope {ctx.InputShape(1)} does not broadcast to X {ctx.InputShape(0)}");
        ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));
    }

    public void Evaluate(EvalContext ctx)
    {
        Tensor x = ctx.Input(0), slope = ctx.Input(1);
        var aligned = LegacyChannelSlope(ctx.Opset, slope.SymShape, x.SymShape);
        if (aligned.Rank != slope.Rank) slope = slope.Reshaped(aligned.ToConcrete());
        var map = Broadcasting.IndexMap(x.Shape, slope.Shape);
        if (x.Type.IsFloat())
        {
            double[] v = TensorValues.ToDoubles(x), s = TensorValues.ToDoubles(slope);
            for (int i = 0; i < v.Length; i++) if (v[i] < 0) v[i] *= s[map[i]];
            ctx.SetOutput(0, TensorValues.FromDoubles(x.Type, x.Shape, v));
            return;
        }
        long[] l = TensorValues.ToLongs(x), t = TensorValues.ToLongs(slope);
        for (int i = 0; i < l.Length; i++) if (l[i] < 0) l[i] = unchecked(l[i] * t[map[i]]);
        ctx.SetOutput(0, TensorValues.FromLongs(x.Type, x.Shape, l));
    }

    /// <summary>The slope's shape as it broadcasts: [C] becomes [C, 1, ...] for opset &lt; 7 when X's dim 1 is C.</summary>
    private static SymShape LegacyChannelSlope(int opset, SymShape slope, SymShape x)
    {
        if (opset >= 7 || !slope.HasRank || !x.HasRank || slope.Rank != 1 || x.Rank < 2) return slope;
        if (!slope[0].IsKnown || slope[0].Value == 1 || !x[1].IsKnown || x[1].Value != slope[0].Value) return slope;
        return new SymShape(new[] { slope[0] }.Concat(Enumerable.Repeat(Dim.Of(1), x.Rank - 2)));
    }
}
