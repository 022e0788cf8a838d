using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>
/// QLinearConv: the integer convolution of (x - x_zero_point) and (w - w_zero_point, per channel
/// or per tensor) plus the int32 bias, requantised as round_half_to_even(acc * x_scale * w_scale /
/// y_scale) + y_zero_point and saturated to y's type (that of y_zero_point, int8 or uint8).
/// Inputs: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, B.
/// </summary>
public sealed class QLinearConvOp : IOperator
{
    public string OpType => "QLinearConv";

    public string? CheckSupported(ShapeContext ctx)
    {
        foreach (int i in new[] { 0, 2, 3, 5, 7 })
            if (ctx.HasInput(i) && ctx.InputType(i) is not (DataType.UInt8 or DataType.Int8))
                return $"QLinearConv input {i} must be int8 or uint8, not {ctx.InputType(i).OnnxName()}";
        foreach (int i in new[] { 1, 4, 6 })
            if (TypeSupport.Require(ctx, i, TypeSupport.Float, "scale") is { } why) return why;
        if (ctx.HasInput(8) && ctx.InputType(8) != DataType.Int32) return "QLinearConv bias must be int32";
        var x = ctx.InputShape(0);
        int spatial = x.HasRank ? x.Rank - 2 : ctx.InputShape(3).HasRank ? ctx.InputShape(3).Rank - 2 : -1;
        if (spatial is < 1 or > 3) return "QLinearConv needs 1 to 3 spatial axes and X or W of known rank";
        return WindowGeometry.Check(ctx.Node, spatial);
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(3);
        var type = ctx.InputType(7);
        if (!x.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        int[]? kernel = ctx.Node.GetInts("kernel_shape")?.Select(v => (int)v).ToArray()
            ?? (w.HasRank && w.Dims!.Skip(2).All(d => d.IsKnown) ? w.Dims!.Skip(2).Select(d => (int)d.Value).ToArray() : null);
        var spatial = kernel == null ? Enumerable.Repeat(Dim.Unknown, x.Rank - 2).ToArray()
            : WindowGeometry.OutputDims(ctx.Node, x.Dims!.Skip(2).ToArray(), kernel, ceilMode: false);
        ctx.SetOutput(0, type, new SymShape(new[] { x[0], w.HasRank ? w[0] : Dim.Unknown }.Concat(spatial)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var w = ctx.Input(3);
        double xScale = ctx.Input(1).Floats[0], yScale = ctx.Input(6).Floats[0];
        var wScale = ctx.Input(4).Floats;
        long xZero = IntegerConv.Values(ctx.Input(2))[0];
        var wZero = IntegerConv.Values(ctx.Input(5));
        var yZeroPoint = ctx.Input(7);
        long yZero = IntegerConv.Values(yZeroPoint)[0];
        var bias = ctx.OptionalInput(8)?.Int32s;
        var (acc, shape) = IntegerConv.Accumulate(ctx, x, xZero, w, wZero);
        int m = shape[1], plane = acc.Length / Math.Max(1, shape[0] * m);
        var (lo, hi) = yZeroPoint.Type == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
        var q = new long[acc.Length];
        for (int i = 0; i < acc.Length; i++)
        {
            int oc = i / plane % m;
            double scale = xScale * (wScale.Length == 1 ? wScale[0] : wScale[oc]) / yScale;
            double v = (acc[i] + (bias?[oc] ?? 0)) * scale;
            q[i] = Math.Clamp((long)Math.Round(v, MidpointRounding.ToEven) + yZero, lo, hi);
        }
        ctx.SetOutput(0, TensorValues.FromLongs(yZeroPoint.Type, shape, q));
    }
}
