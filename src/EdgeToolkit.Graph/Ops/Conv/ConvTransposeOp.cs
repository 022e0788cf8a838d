using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>
/// ConvTranspose on float32 with 1 to 3 spatial axes: X [N, C, D...], W [C, M/group, K...],
/// optional B [M]. Every input element scatters W's kernel, scaled, into the output at
/// i*stride + k*dilation - pad_begin. The output size comes from pads (with output_padding), from
/// an explicit output_shape, or from auto_pad (output = input * stride); the pads that
/// output_shape and auto_pad imply are split as the ONNX spec says: SAME_UPPER puts the odd one at
/// the end, anything else at the beginning.
/// </summary>
public sealed class ConvTransposeOp : IOperator
{
    public string OpType => "ConvTranspose";

    public string? CheckSupported(ShapeContext ctx)
    {
        if ((TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? TypeSupport.Require(ctx, 1, TypeSupport.Float, "W")
            ?? TypeSupport.Require(ctx, 2, TypeSupport.Float, "B")) is { } why) return why;
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        int spatial = x.HasRank ? x.Rank - 2 : w.HasRank ? w.Rank - 2 : -1;
        if (spatial is < 1 or > 3) return "ConvTranspose needs 1 to 3 spatial axes and X or W of known rank";
        if (ctx.Node.GetInt("group", 1) < 1) return "ConvTranspose group must be at least 1";
        var outPad = ctx.Node.GetInts("output_padding");
        if (outPad != null && (outPad.Length != spatial || outPad.Any(p => p < 0))) return $"output_padding must hold {spatial} values >= 0";
        var outShape = ctx.Node.GetInts("output_shape");
        if (outShape != null && outShape.Length != spatial && outShape.Length != spatial + 2)
            return $"output_shape must hold {spatial} spatial sizes";
        return WindowGeometry.Check(ctx.Node, spatial);
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        var type = ctx.InputType(0);
        var m = w.HasRank && w[1].IsKnown ? Dim.Of(w[1].Value * ctx.Node.GetInt("group", 1)) : Dim.Unknown;
        if (!x.HasRank) { ctx.SetOutput(0, type, SymShape.UnknownRank); return; }
        var kernel = KernelShape(ctx.Node, w, x.Rank - 2);
        var spatial = new Dim[x.Rank - 2];
        for (int i = 0; i < spatial.Length; i++)
            spatial[i] = kernel != null && x[i + 2].IsKnown ? Dim.Of(Axis(ctx.Node, i, spatial.Length, (int)x[i + 2].Value, kernel[i]).Output) : Dim.Unknown;
        ctx.SetOutput(0, type, new SymShape(new[] { x[0], m }.Concat(spatial)));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var w = ctx.Input(1);
        var bias = ctx.OptionalInput(2)?.Floats;
        int group = (int)ctx.Node.GetInt("group", 1);
        int n = x.Shape[0], c = x.Shape[1], mPerGroup = w.Shape[1], m = mPerGroup * group;
        if (w.Shape[0] != c || c % group != 0) throw ctx.Error($"X {x} and W {w} do not fit group={group}");
        int rank = x.Rank - 2, cPerGroup = c / group;
        var inShape = x.Shape[2..];
        var kernel = w.Shape[2..];
        var axes = Enumerable.Range(0, rank).Select(i => Axis(ctx.Node, i, rank, inShape[i], kernel[i])).ToArray();
        var outShape = axes.Select(a => a.Output).ToArray();
        var scatter = ScatterTable(inShape, kernel, axes, outShape);
        int inPlane = scatter.Length, outPlane = (int)Tensor.ElementCountOf(outShape), kSize = (int)Tensor.ElementCountOf(kernel);
        float[] xs = x.Floats, ws = w.Floats;
        var acc = new double[(long)n * m * outPlane];
        for (int b = 0; b < n; b++)
        {
            if (bias != null)
                for (int oc = 0; oc < m; oc++) Array.Fill(acc, bias[oc], (b * m + oc) * outPlane, outPlane);
            for (int ic = 0; ic < c; ic++)
            {
                int g = ic / cPerGroup;
                for (int mo = 0; mo < mPerGroup; mo++)
                {
                    int yBase = (b * m + g * mPerGroup + mo) * outPlane, wBase = (ic * mPerGroup + mo) * kSize;
                    for (int i = 0; i < inPlane; i++)
                    {
                        double v = xs[(b * c + ic) * inPlane + i];
                        var targets = scatter[i];
                        for (int t = 0; t < kSize; t++)
                            if (targets[t] >= 0) acc[yBase + targets[t]] += v * ws[wBase + t];
                    }
                }
            }
        }
        var y = Array.ConvertAll(acc, v => (float)v);
        ctx.SetOutput(0, new Tensor(DataType.Float32, new[] { n, m }.Concat(outShape).ToArray(), y));
    }

    /// <summary>For each input position and kernel tap, the output offset it lands on, or -1 outside the output.</summary>
    private static int[][] ScatterTable(int[] inShape, int[] kernel, AxisWindow[] axes, int[] outShape)
    {
        int inPlane = (int)Tensor.ElementCountOf(inShape), kSize = (int)Tensor.ElementCountOf(kernel), rank = inShape.Length;
        var outStrides = Tensor.Strides(outShape);
        var table = new int[inPlane][];
        var i = new int[rank];
        var k = new int[rank];
        for (int p = 0; p < inPlane; p++)
        {
            Unravel(p, inShape, i);
            table[p] = new int[kSize];
            for (int t = 0; t < kSize; t++)
            {
                Unravel(t, kernel, k);
                int offset = 0;
                for (int a = 0; a < rank && offset >= 0; a++)
                {
                    int o = i[a] * axes[a].Stride + k[a] * axes[a].Dilation - axes[a].PadBegin;
                    offset = o >= 0 && o < outShape[a] ? offset + o * outStrides[a] : -1;
                }
                table[p][t] = offset;
            }
        }
        return table;
    }

    private static void Unravel(int flat, int[] shape, int[] coord)
    {
        for (int a = shape.Length - 1; a >= 0; a--) { coord[a] = flat % shape[a]; flat /= shape[a]; }
    }

    /// <summary>Stride, dilation, begin pad and output size on one spatial axis.</summary>
    private static AxisWindow Axis(Node node, int i, int rank, int size, int kernel)
    {
        int stride = (int)(node.GetInts("strides")?[i] ?? 1);
        int dilation = (int)(node.GetInts("dilations")?[i] ?? 1);
        int outputPadding = (int)(node.GetInts("output_padding")?[i] ?? 0);
        int full = stride * (size - 1) + outputPadding + (kernel - 1) * dilation + 1;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        var explicitShape = node.GetInts("output_shape");
        int output, begin, end;
        if (explicitShape != null || autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            output = explicitShape != null ? (int)explicitShape[explicitShape.Length - rank + i] : size * stride;
            int total = full - output;
            // Floor halves, as the spec's formula gives when output_shape asks for more than the full size.
            int half = (int)Math.Floor(total / 2.0);
            (begin, end) = autoPad == "SAME_UPPER" ? (half, total - half) : (total - half, half);
        }
        else if (autoPad == "VALID") { begin = end = 0; output = full; }
        else
        {
            var pads = node.GetInts("pads");
            begin = (int)(pads?[i] ?? 0); end = (int)(pads?[i + rank] ?? 0);
            output = full - begin - end;
        }
        if (output < 0) throw new InvalidOperationException($"ConvTranspose output size {output} on spatial axis {i} is negative");
        return new AxisWindow(kernel, stride, dilation, begin, end, output);
    }

    private static int[]? KernelShape(Node node, SymShape w, int spatial)
    {
        if (node.GetInts("kernel_shape") is { } k) return k.Select(v => (int)v).ToArray();
        if (!w.HasRank || w.Rank != spatial + 2 || !w.Dims!.Skip(2).All(d => d.IsKnown)) return null;
        return w.Dims!.Skip(2).Select(d => (int)d.Value).ToArray();
    }
}
