using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>
/// Conv on float32 with 1 to 3 spatial axes: X [N, C, D...], W [M, C/group, K...], optional
/// B [M]. Grouped and depthwise (group = C) convolutions, strides, dilations, explicit pads and
/// auto_pad. The kernel shape comes from W when the attribute is absent. Accumulates in double so
/// the reference is as close to exact as it can be.
/// </summary>
public sealed class ConvOp : IOperator
{
    public string OpType => "Conv";

    public string? CheckSupported(ShapeContext ctx)
    {
        if ((TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? TypeSupport.Require(ctx, 1, TypeSupport.Float, "W")
            ?? TypeSupport.Require(ctx, 2, TypeSupport.Float, "B")) is { } why) return why;
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        int spatial = x.HasRank ? x.Rank - 2 : w.HasRank ? w.Rank - 2 : ctx.Node.GetInts("kernel_shape")?.Length ?? -1;
        if (spatial < 0) return "Conv needs the rank of X or W to be known";
        if (spatial is < 1 or > 3) return $"Conv with {spatial} spatial axes is not supported (1 to 3 are)";
        if (ctx.Node.GetInt("group", 1) < 1) return "Conv group must be at least 1";
        return WindowGeometry.Check(ctx.Node, spatial);
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        var type = ctx.InputType(0);
        if (w.HasRank && (w.Rank < 3 || x.HasRank && x.Rank != w.Rank))
            throw ctx.Error($"W {w} does not fit X {x}: both must be [batch or filters, channels, spatial dims...] of the same rank");
        if (!x.HasRank)
        {
            ctx.SetOutput(0, type, w.HasRank ? new SymShape(new[] { Dim.Unknown, w[0] }.Concat(Enumerable.Repeat(Dim.Unknown, w.Rank - 2))) : SymShape.UnknownRank);
            return;
        }
        var kernel = KernelShape(ctx.Node, w, x.Rank - 2);
        var m = w.HasRank ? w[0] : Dim.Unknown;
        if (x[1].IsKnown && w.HasRank && w[1].IsKnown && x[1].Value != w[1].Value * ctx.Node.GetInt("group", 1))
            throw ctx.Error($"X has {x[1]} channels but W expects {w[1]} per group x {ctx.Node.GetInt("group", 1)} groups");
        var spatial = kernel == null ? Enumerable.Repeat(Dim.Unknown, x.Rank - 2).ToArray()
            : WindowGeometry.OutputDims(ctx.Node, x.Dims!.Skip(2).ToArray(), kernel, ceilMode: false);
        ctx.SetOutput(0, type, new SymShape(new[] { x[0], m }.Concat(spatial)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var w = ctx.Input(1);
        var bias = ctx.OptionalInput(2)?.Floats;
        int group = (int)ctx.Node.GetInt("group", 1);
        int n = x.Shape[0], c = x.Shape[1], m = w.Shape[0], cPerGroup = w.Shape[1];
        if (c != cPerGroup * group || m % group != 0)
            throw ctx.Error($"X {x} and W {w} do not fit group={group}");
        var spatialIn = x.Shape[2..];
        var taps = new WindowTaps(spatialIn, WindowGeometry.Resolve(ctx.Node, spatialIn, w.Shape[2..], ceilMode: false));
        int inPlane = (int)Tensor.ElementCountOf(spatialIn), outPlane = taps.Taps.Length, mPerGroup = m / group;
        float[] xs = x.Floats, ws = w.Floats;
        var y = new float[(long)n * m * outPlane];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < m; oc++)
            {
                int g = oc / mPerGroup;
                for (int p = 0; p < outPlane; p++)
                {
                    double acc = bias?[oc] ?? 0;
                    for (int ic = 0; ic < cPerGroup; ic++)
                    {
                        int xBase = (b * c + g * cPerGroup + ic) * inPlane;
                        int wBase = (oc * cPerGroup + ic) * taps.KernelSize;
                        foreach (var (tap, offset) in taps.Taps[p]) acc += (double)xs[xBase + offset] * ws[wBase + tap];
                    }
                    y[(b * m + oc) * outPlane + p] = (float)acc;
                }
            }
        ctx.SetOutput(0, new Tensor(DataType.Float32, new[] { n, m }.Concat(taps.OutputShape).ToArray(), y));
    }

    /// <summary>kernel_shape if given, else W's spatial dims; null when neither is known.</summary>
    private static int[]? KernelShape(Node node, SymShape w, int spatial)
    {
        if (node.GetInts("kernel_shape") is { } k) return k.Select(v => (int)v).ToArray();
        if (!w.HasRank || w.Rank != spatial + 2 || !w.Dims!.Skip(2).All(d => d.IsKnown)) return null;
        return w.Dims!.Skip(2).Select(d => (int)d.Value).ToArray();
    }
}
