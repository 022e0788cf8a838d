using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>
/// AveragePool on float32. The divisor is the number of window taps inside the input
/// (count_include_pad=0, the default) or inside the input plus its explicit padding
/// (count_include_pad=1); taps beyond that padding, which ceil_mode can add, never count.
/// </summary>
public sealed class AveragePoolOp : IOperator
{
    public string OpType => "AveragePool";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? PoolWindows.Check(ctx);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), PoolWindows.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var (taps, planes, planeSize) = PoolWindows.For(ctx.Node, x);
        bool includePad = ctx.Node.GetInt("count_include_pad", 0) != 0;
        var xs = x.Floats;
        int outPlane = taps.Taps.Length;
        var y = new float[(long)planes * outPlane];
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < outPlane; o++)
            {
                double sum = 0;
                foreach (var (_, offset) in taps.Taps[o]) sum += xs[p * planeSize + offset];
                int count = includePad ? taps.PaddedCounts[o] : taps.Taps[o].Length;
                y[p * outPlane + o] = count > 0 ? (float)(sum / count) : 0f;
            }
        ctx.SetOutput(0, new Tensor(x.Type, PoolWindows.OutputShape(x, taps), y));
    }
}
