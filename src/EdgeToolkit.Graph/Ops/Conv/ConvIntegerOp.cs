namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>
/// ConvInteger: Conv on int8/uint8 x and w with their zero points subtracted (x_zero_point a
/// scalar, w_zero_point a scalar or one per output channel), accumulated exactly in int32.
/// Same spatial attributes as Conv.
/// </summary>
public sealed class ConvIntegerOp : IOperator
{
    public string OpType => "ConvInteger";

    public string? CheckSupported(ShapeContext ctx)
    {
        foreach (int i in new[] { 0, 1, 2, 3 })
            if (ctx.HasInput(i) && ctx.InputType(i) is not (DataType.UInt8 or DataType.Int8))
                return $"ConvInteger input {i} must be int8 or uint8, not {ctx.InputType(i).OnnxName()}";
        var x = ctx.InputShape(0);
        int spatial = x.HasRank ? x.Rank - 2 : ctx.InputShape(1).HasRank ? ctx.InputShape(1).Rank - 2 : -1;
        if (spatial is < 1 or > 3) return "ConvInteger needs 1 to 3 spatial axes and X or W of known rank";
        return WindowGeometry.Check(ctx.Node, spatial);
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        if (!x.HasRank) { ctx.SetOutput(0, DataType.Int32, SymShape.UnknownRank); return; }
        int[]? kernel = ctx.Node.GetInts("kernel_shape")?.Select(v => (int)v).ToArray()
            ?? (w.HasRank && w.Dims!.Skip(2).All(d => d.IsKnown) ? w.Dims!.Skip(2).Select(d => (int)d.Value).ToArray() : null);
        var spatial = kernel == null ? Enumerable.Repeat(Dim.Unknown, x.Rank - 2).ToArray()
            : WindowGeometry.OutputDims(ctx.Node, x.Dims!.Skip(2).ToArray(), kernel, ceilMode: false);
        ctx.SetOutput(0, DataType.Int32, new SymShape(new[] { x[0], w.HasRank ? w[0] : Dim.Unknown }.Concat(spatial)));
    }

    public void Evaluate(EvalContext ctx)
    {
        long xZero = ctx.OptionalInput(2) is { } xz ? IntegerConv.Values(xz)[0] : 0;
        var wZero = ctx.OptionalInput(3) is { } wz ? IntegerConv.Values(wz) : new long[] { 0 };
        var (acc, shape) = IntegerConv.Accumulate(ctx, ctx.Input(0), xZero, ctx.Input(1), wZero);
        ctx.SetOutput(0, new Tensor(DataType.Int32, shape, Array.ConvertAll(acc, v => checked((int)v))));
    }
}

/// <summary>The exact integer convolution shared by ConvInteger and QLinearConv.</summary>
internal static class IntegerConv
{
    /// <summary>Sums of (x - xZero) * (w - wZero[oc]) per output element, and the output shape.</summary>
    public static (long[] Acc, int[] Shape) Accumulate(EvalContext ctx, Tensor x, long xZero, Tensor w, long[] wZero)
    {
        int group = (int)ctx.Node.GetInt("group", 1);
        int n = x.Shape[0], c = x.Shape[1], m = w.Shape[0], cPerGroup = w.Shape[1];
        if (c != cPerGroup * group || m % group != 0) throw ctx.Error($"X {x} and W {w} do not fit group={group}");
        var xs = Values(x);
        var ws = Values(w);
        var spatialIn = x.Shape[2..];
        var taps = new WindowTaps(spatialIn, WindowGeometry.Resolve(ctx.Node, spatialIn, w.Shape[2..], ceilMode: false));
        int inPlane = (int)Tensor.ElementCountOf(spatialIn), outPlane = taps.Taps.Length, mPerGroup = m / group;
        var y = new long[(long)n * m * outPlane];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < m; oc++)
            {
                int g = oc / mPerGroup;
                long wz0 = wZero.Length == 1 ? wZero[0] : wZero[oc];
                for (int p = 0; p < outPlane; p++)
                {
                    // Padding taps are absent: they would contribute (x_zero_point - x_zero_point) = 0.
                    long acc = 0;
                    for (int ic = 0; ic < cPerGroup; ic++)
                    {
                        int xBase = (b * c + g * cPerGroup + ic) * inPlane, wBase = (oc * cPerGroup + ic) * taps.KernelSize;
                        foreach (var (tap, offset) in taps.Taps[p]) acc += (xs[xBase + offset] - xZero) * (ws[wBase + tap] - wz0);
                    }
                    y[(b * m + oc) * outPlane + p] = acc;
                }
            }
        return (y, new[] { n, m }.Concat(taps.OutputShape).ToArray());
    }

    /// <summary>Elements of an int8 or uint8 tensor, typed exactly (a byte[] also passes as sbyte[]).</summary>
    public static long[] Values(Tensor t) => t.Type == DataType.UInt8
        ? Array.ConvertAll(t.UInt8s, v => (long)v)
        : Array.ConvertAll((sbyte[])t.Data, v => (long)v);
}
