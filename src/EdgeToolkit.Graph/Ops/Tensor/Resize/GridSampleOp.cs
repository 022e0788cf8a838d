using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// GridSample on 4-D float32 (opset 16; opset 20 names linear/cubic accepted): output[n, c, h, w]
/// samples X[n, c] at the normalised (x, y) in grid[n, h, w], in modes bilinear, nearest (round
/// half to even) and bicubic (a = -0.75), with padding zeros, border or reflection.
/// </summary>
public sealed class GridSampleOp : IOperator
{
    public string OpType => "GridSample";

    public string? CheckSupported(ShapeContext ctx)
    {
        if ((TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? TypeSupport.Require(ctx, 1, TypeSupport.Float, "grid")) is { } why) return why;
        var x = ctx.InputShape(0);
        if (x.HasRank && x.Rank != 4) return "GridSample is supported on 4-D input only";
        if (Mode(ctx.Node) is not ("bilinear" or "nearest" or "bicubic")) return $"GridSample mode '{ctx.Node.GetString("mode", "")}' is not supported";
        var padding = ctx.Node.GetString("padding_mode", "zeros");
        return padding is "zeros" or "border" or "reflection" ? null : $"GridSample padding_mode '{padding}' is not supported";
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var g = ctx.InputShape(1);
        var n = x.HasRank ? x[0] : Dim.Unknown;
        var c = x.HasRank ? x[1] : Dim.Unknown;
        ctx.SetOutput(0, ctx.InputType(0), new SymShape(new[] { n, c, g.HasRank ? g[1] : Dim.Unknown, g.HasRank ? g[2] : Dim.Unknown }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var grid = ctx.Input(1);
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], oh = grid.Shape[1], ow = grid.Shape[2];
        var sampler = new GridSampler(Mode(ctx.Node), ctx.Node.GetString("padding_mode", "zeros"), ctx.Node.GetInt("align_corners", 0) != 0, h, w);
        var y = new float[(long)n * c * oh * ow];
        var g = grid.Floats;
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
            {
                var plane = new ReadOnlySpan<float>(x.Floats, (b * c + ch) * h * w, h * w).ToArray();
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        int at = ((b * oh + i) * ow + j) * 2;
                        y[((b * c + ch) * oh + i) * ow + j] = (float)sampler.Sample(plane, g[at], g[at + 1]);
                    }
            }
        ctx.SetOutput(0, new Tensor(DataType.Float32, new[] { n, c, oh, ow }, y));
    }

    private static string Mode(Node node) => node.GetString("mode", "bilinear") switch
    {
        "linear" => "bilinear",
        "cubic" => "bicubic",
        var m => m,
    };
}
