using EdgeToolkit.Graph.Ops.Conv;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>What MaxPool and AveragePool share: attribute checks, output shape, and the windows.</summary>
internal static class PoolWindows
{
    public static string? Check(ShapeContext ctx)
    {
        var k = ctx.Node.GetInts("kernel_shape");
        if (k == null) return $"{ctx.Node.OpType} needs kernel_shape";
        if (k.Length is < 1 or > 3) return $"{ctx.Node.OpType} with {k.Length} spatial axes is not supported (1 to 3 are)";
        var x = ctx.InputShape(0);
        if (x.HasRank && x.Rank != k.Length + 2) return $"kernel_shape has {k.Length} values but X has rank {x.Rank}";
        return WindowGeometry.Check(ctx.Node, k.Length);
    }

    public static SymShape OutputShape(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var k = Kernel(ctx.Node);
        if (!x.HasRank) return new SymShape(Enumerable.Repeat(Dim.Unknown, k.Length + 2));
        return new SymShape(new[] { x[0], x[1] }.Concat(WindowGeometry.OutputDims(ctx.Node, x.Dims!.Skip(2).ToArray(), k, CeilMode(ctx.Node))));
    }

    /// <summary>The windows over one [D...] plane of x, and the number of planes (N*C).</summary>
    public static (WindowTaps Taps, int Planes, int PlaneSize) For(Node node, Tensor x)
    {
        var spatial = x.Shape[2..];
        var taps = new WindowTaps(spatial, WindowGeometry.Resolve(node, spatial, Kernel(node), CeilMode(node)));
        return (taps, x.Shape[0] * x.Shape[1], (int)Tensor.ElementCountOf(spatial));
    }

    public static int[] OutputShape(Tensor x, WindowTaps taps) => new[] { x.Shape[0], x.Shape[1] }.Concat(taps.OutputShape).ToArray();

    private static int[] Kernel(Node node) => node.GetInts("kernel_shape")!.Select(v => (int)v).ToArray();

    private static bool CeilMode(Node node) => node.GetInt("ceil_mode", 0) != 0;
}
