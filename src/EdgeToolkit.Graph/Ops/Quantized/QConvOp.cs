using EdgeToolkit.Graph.Ops.Conv;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Ops.Quantized;

/// <summary>
/// edgetk.QConv (Ops/Quantized/README.md): int8 X NCHW or NCW, constant int8 W [M, C/group, kh, (kw)],
/// int32 B, M, S [M]; Conv's spatial attributes plus input_zero_point, output_zero_point, act_min,
/// act_max. Y = clamp(R(B[m] + sum X * W, M[m], S[m]) + zy) with padded taps reading
/// input_zero_point. A MaxPool may follow as a fused post-op (the evaluator applies it).
/// </summary>
public sealed class QConvOp : IOperator
{
    public string OpType => "QConv";
    public string Domain => "edgetk";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.InputType(0) != DataType.Int8 || ctx.InputType(1) != DataType.Int8) return "QConv X and W must be int8";
        for (int i = 2; i <= 4; i++)
            if (ctx.InputType(i) != DataType.Int32) return $"QConv input {i} (B, M, S) must be int32";
        var w = ctx.InputShape(1);
        if (!w.HasRank || w.Rank is not (3 or 4)) return "QConv supports 1-D and 2-D convolutions (W of rank 3 or 4)";
        if (ctx.InputShape(0) is { HasRank: true } x && x.Rank != w.Rank) return $"QConv X has rank {x.Rank} but W has rank {w.Rank}";
        if (ctx.Node.GetInt("group", 1) < 1) return "QConv group must be at least 1";
        return WindowGeometry.Check(ctx.Node, w.Rank - 2);
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        if (!x.HasRank) { ctx.SetOutput(0, DataType.Int8, SymShape.UnknownRank); return; }
        int[]? kernel = ctx.Node.GetInts("kernel_shape")?.Select(v => (int)v).ToArray()
            ?? (w.Dims!.Skip(2).All(d => d.IsKnown) ? w.Dims!.Skip(2).Select(d => (int)d.Value).ToArray() : null);
        var spatial = kernel == null ? Enumerable.Repeat(Dim.Unknown, x.Rank - 2).ToArray()
            : WindowGeometry.OutputDims(ctx.Node, x.Dims!.Skip(2).ToArray(), kernel, ceilMode: false);
        ctx.SetOutput(0, DataType.Int8, new SymShape(new[] { x[0], w[0] }.Concat(spatial)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var w = ctx.Input(1);
        var bias = ctx.Input(2).Int32s;
        var mult = ctx.Input(3).Int32s;
        var shift = ctx.Input(4).Int32s;
        int zx = (int)ctx.Node.GetInt("input_zero_point", 0), zy = (int)ctx.Node.GetInt("output_zero_point", 0);
        int lo = (int)ctx.Node.GetInt("act_min", -128), hi = (int)ctx.Node.GetInt("act_max", 127);
        // sum over valid taps of (x - zx) * w, plus zx * (sum of all of W[m]), is the sum over every
        // tap with padding reading zx: the contract's integer sum, without materialising the padding.
        var (valid, shape) = IntegerConv.Accumulate(ctx, ctx.Input(0), zx, w, new long[] { 0 });
        int m = shape[1], plane = valid.Length / Math.Max(1, shape[0] * m), perChannel = w.Length / m;
        var ws = w.Int8s;
        var wSum = new long[m];
        for (int k = 0; k < ws.Length; k++) wSum[k / perChannel] += ws[k];
        var y = new sbyte[valid.Length];
        for (int i = 0; i < valid.Length; i++)
        {
            int oc = i / plane % m;
            // int32 wrap-around, as the C accumulator would.
            int acc = unchecked((int)(bias[oc] + valid[i] + zx * wSum[oc]));
            y[i] = (sbyte)FixedPoint.Requantize(acc, mult[oc], shift[oc], zy, lo, hi);
        }
        ctx.SetOutput(0, new Tensor(DataType.Int8, shape, y));
    }
}
