using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>
/// LpPool (windows as MaxPool, with dilations and ceil_mode from opset 18) and GlobalLpPool on
/// float32: (sum |x|^p)^(1/p) over each window, p defaulting to 2; padding contributes nothing.
/// </summary>
public sealed class LpPoolOp : IOperator
{
    public string OpType => "LpPool";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? PoolWindows.Check(ctx);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), PoolWindows.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var (taps, planes, planeSize) = PoolWindows.For(ctx.Node, x);
        double p = ctx.Node.GetInt("p", 2);
        var xs = x.Floats;
        int outPlane = taps.Taps.Length;
        var y = new float[(long)planes * outPlane];
        for (int c = 0; c < planes; c++)
            for (int o = 0; o < outPlane; o++)
            {
                double sum = 0;
                foreach (var (_, offset) in taps.Taps[o]) sum += Math.Pow(Math.Abs(xs[c * planeSize + offset]), p);
                y[c * outPlane + o] = (float)Math.Pow(sum, 1 / p);
            }
        ctx.SetOutput(0, new Tensor(x.Type, PoolWindows.OutputShape(x, taps), y));
    }
}

public sealed class GlobalLpPoolOp : IOperator
{
    public string OpType => "GlobalLpPool";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Float, "X");

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.Input(0);
        ctx.SetOutput(0, x.Type, x.Shape.HasRank
            ? new SymShape(new[] { x.Shape[0], x.Shape[1] }.Concat(Enumerable.Repeat(Dim.Of(1), x.Shape.Rank - 2)))
            : SymShape.UnknownRank);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        double p = ctx.Node.GetInt("p", 2);
        int planes = x.Shape[0] * x.Shape[1], size = x.Length / Math.Max(planes, 1);
        var y = new float[planes];
        for (int c = 0; c < planes; c++)
            y[c] = (float)Math.Pow(Enumerable.Range(c * size, size).Sum(i => Math.Pow(Math.Abs(x.Floats[i]), p)), 1 / p);
        ctx.SetOutput(0, new Tensor(x.Type, new[] { x.Shape[0], x.Shape[1] }.Concat(Enumerable.Repeat(1, x.Rank - 2)).ToArray(), y));
    }
}
