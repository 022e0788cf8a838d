using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// NonMaxSuppression: per batch and class, boxes above score_threshold in descending score order
/// (ties by index), each kept unless its IoU with an already kept box exceeds iou_threshold, up to
/// max_output_boxes_per_class (0 keeps none). Output int64 [selected, 3] rows of (batch, class, box).
/// Boxes are corners [y1, x1, y2, x2] in either order (center_point_box=0) or [x, y, w, h] (1).
/// </summary>
public sealed class NonMaxSuppressionOp : IOperator
{
    public string OpType => "NonMaxSuppression";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Float, "boxes") ?? TypeSupport.Require(ctx, 1, TypeSupport.Float, "scores");

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, DataType.Int64, new SymShape(new[] { Dim.Unknown, Dim.Of(3) }));

    public void Evaluate(EvalContext ctx)
    {
        var boxes = ctx.Input(0);
        var scores = ctx.Input(1);
        long maxPerClass = ctx.OptionalInput(2) is { Length: > 0 } m ? m.GetInt64(0) : 0;
        double iouThreshold = ctx.OptionalInput(3) is { Length: > 0 } iou ? iou.GetDouble(0) : 0;
        double? scoreThreshold = ctx.OptionalInput(4) is { Length: > 0 } st ? st.GetDouble(0) : null;
        bool centered = ctx.Node.GetInt("center_point_box", 0) != 0;
        int batches = scores.Shape[0], classes = scores.Shape[1], count = scores.Shape[2];
        if (boxes.Shape[0] != batches || boxes.Shape[1] != count) throw ctx.Error($"boxes {boxes} do not match scores {scores}");
        var selected = new List<long>();
        for (int b = 0; b < batches; b++)
        {
            var corners = Enumerable.Range(0, count).Select(i => Corners(boxes.Floats, (b * count + i) * 4, centered)).ToArray();
            for (int c = 0; c < classes; c++)
            {
                int at = (b * classes + c) * count;
                var order = Enumerable.Range(0, count)
                    .Where(i => scoreThreshold == null || scores.Floats[at + i] > scoreThreshold)
                    .OrderByDescending(i => scores.Floats[at + i]).ThenBy(i => i);
                var kept = new List<int>();
                foreach (var i in order)
                {
                    if (kept.Count >= maxPerClass) break;
                    if (kept.Any(k => Iou(corners[k], corners[i]) > iouThreshold)) continue;
                    kept.Add(i);
                    selected.AddRange(new long[] { b, c, i });
                }
            }
        }
        ctx.SetOutput(0, Tensor.FromInt64s(new[] { selected.Count / 3, 3 }, selected.ToArray()));
    }

    /// <summary>(y1, x1, y2, x2) with y1 &lt;= y2 and x1 &lt;= x2.</summary>
    private static (double Y1, double X1, double Y2, double X2) Corners(float[] b, int at, bool centered)
    {
        if (centered)
        {
            double xc = b[at], yc = b[at + 1], w = b[at + 2], h = b[at + 3];
            return (yc - h / 2, xc - w / 2, yc + h / 2, xc + w / 2);
        }
        return (Math.Min(b[at], b[at + 2]), Math.Min(b[at + 1], b[at + 3]), Math.Max(b[at], b[at + 2]), Math.Max(b[at + 1], b[at + 3]));
    }

    private static double Iou((double Y1, double X1, double Y2, double X2) a, (double Y1, double X1, double Y2, double X2) b)
    {
        double areaA = (a.Y2 - a.Y1) * (a.X2 - a.X1), areaB = (b.Y2 - b.Y1) * (b.X2 - b.X1);
        if (areaA <= 0 || areaB <= 0) return 0;
        double h = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1)), w = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1));
        double inter = h * w;
        return inter / (areaA + areaB - inter);
    }
}
