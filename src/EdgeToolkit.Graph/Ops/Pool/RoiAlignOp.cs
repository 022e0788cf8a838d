using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Pool;

/// <summary>
/// RoiAlign on float32 NCHW: for each region (x1, y1, x2, y2 scaled by spatial_scale) of the
/// image batch_indices names, an output_height x output_width grid of bins, each the average (or,
/// in mode max, the maximum of the weighted corner values) of bilinear samples on a regular grid
/// (sampling_ratio per side, or ceil(bin size) when 0). coordinate_transformation_mode half_pixel
/// (opset 16 default) shifts by -0.5; output_half_pixel (opset 10 behaviour) does not and makes
/// each region at least 1x1.
/// </summary>
public sealed class RoiAlignOp : IOperator
{
    public string OpType => "RoiAlign";

    public string? CheckSupported(ShapeContext ctx)
    {
        if ((TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") ?? TypeSupport.Require(ctx, 1, TypeSupport.Float, "rois")) is { } why) return why;
        var mode = ctx.Node.GetString("mode", "avg");
        if (mode is not ("avg" or "max")) return $"RoiAlign mode '{mode}' is not supported";
        return TransformMode(ctx.Node, ctx.Opset) is "half_pixel" or "output_half_pixel" ? null : "unknown coordinate_transformation_mode";
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var rois = ctx.InputShape(1);
        ctx.SetOutput(0, ctx.InputType(0), new SymShape(new[]
        {
            rois.HasRank ? rois[0] : Dim.Unknown, x.HasRank ? x[1] : Dim.Unknown,
            Dim.Of(ctx.Node.GetInt("output_height", 1)), Dim.Of(ctx.Node.GetInt("output_width", 1)),
        }));
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        var rois = ctx.Input(1).Floats;
        var batch = ctx.Input(2).ToInt64Array();
        int channels = x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        int outH = (int)ctx.Node.GetInt("output_height", 1), outW = (int)ctx.Node.GetInt("output_width", 1);
        int ratio = (int)ctx.Node.GetInt("sampling_ratio", 0);
        double scale = ctx.Node.GetFloat("spatial_scale", 1f);
        bool halfPixel = TransformMode(ctx.Node, ctx.Opset) == "half_pixel", max = ctx.Node.GetString("mode", "avg") == "max";
        var y = new float[(long)batch.Length * channels * outH * outW];
        for (int r = 0; r < batch.Length; r++)
        {
            double offset = halfPixel ? 0.5 : 0;
            double x0 = rois[r * 4] * scale - offset, y0 = rois[r * 4 + 1] * scale - offset;
            double roiW = rois[r * 4 + 2] * scale - offset - x0, roiH = rois[r * 4 + 3] * scale - offset - y0;
            if (!halfPixel) { roiW = Math.Max(roiW, 1); roiH = Math.Max(roiH, 1); }
            double binH = roiH / outH, binW = roiW / outW;
            int gridH = ratio > 0 ? ratio : (int)Math.Ceiling(roiH / outH), gridW = ratio > 0 ? ratio : (int)Math.Ceiling(roiW / outW);
            int count = Math.Max(gridH * gridW, 1);
            for (int c = 0; c < channels; c++)
            {
                int plane = ((int)batch[r] * channels + c) * height * width;
                for (int ph = 0; ph < outH; ph++)
                    for (int pw = 0; pw < outW; pw++)
                    {
                        double acc = 0;
                        bool first = true;
                        for (int iy = 0; iy < gridH; iy++)
                            for (int ix = 0; ix < gridW; ix++)
                            {
                                double sy = y0 + ph * binH + (iy + 0.5) * binH / gridH, sx = x0 + pw * binW + (ix + 0.5) * binW / gridW;
                                var corners = Bilinear(sy, sx, height, width);
                                if (max)
                                {
                                    double v = corners.Max(k => k.Weight * x.Floats[plane + k.Offset]);
                                    acc = first ? v : Math.Max(acc, v);
                                    first = false;
                                }
                                else acc += corners.Sum(k => k.Weight * x.Floats[plane + k.Offset]);
                            }
                        y[((r * channels + c) * outH + ph) * outW + pw] = (float)(max ? acc : acc / count);
                    }
            }
        }
        ctx.SetOutput(0, new Tensor(DataType.Float32, new[] { batch.Length, channels, outH, outW }, y));
    }

    /// <summary>The four corners (offset in the plane, weight) of a bilinear sample; none beyond one pixel outside.</summary>
    private static (int Offset, double Weight)[] Bilinear(double y, double x, int height, int width)
    {
        if (y < -1 || y > height || x < -1 || x > width) return new[] { (0, 0.0) };
        y = Math.Max(y, 0);
        x = Math.Max(x, 0);
        int yLow = (int)y, xLow = (int)x, yHigh, xHigh;
        if (yLow >= height - 1) { yHigh = yLow = height - 1; y = yLow; } else yHigh = yLow + 1;
        if (xLow >= width - 1) { xHigh = xLow = width - 1; x = xLow; } else xHigh = xLow + 1;
        double ly = y - yLow, lx = x - xLow, hy = 1 - ly, hx = 1 - lx;
        return new[]
        {
            (yLow * width + xLow, hy * hx), (yLow * width + xHigh, hy * lx),
            (yHigh * width + xLow, ly * hx), (yHigh * width + xHigh, ly * lx),
        };
    }

    private static string TransformMode(Node node, int opset) =>
        node.GetString("coordinate_transformation_mode", opset >= 16 ? "half_pixel" : "output_half_pixel");
}
