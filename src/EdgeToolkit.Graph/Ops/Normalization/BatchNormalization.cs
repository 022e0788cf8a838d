using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Normalization;

/// <summary>
/// BatchNormalization in inference mode: Y = (X - mean) / sqrt(var + epsilon) * scale + B, per
/// channel (axis 1). Opsets 7-8 with spatial=0 take per-element statistics of shape [C, D...].
/// Training (training_mode=1 from opset 14, or asking for the running/saved statistics outputs)
/// is refused: it updates statistics, which a deployed model never does.
/// </summary>
public sealed class BatchNormalization : IOperator
{
    public string OpType => "BatchNormalization";

    public string? CheckSupported(ShapeContext ctx)
    {
        if (ctx.Node.GetInt("training_mode", 0) != 0)
            return "BatchNormalization with training_mode=1 is not supported; export the model in eval mode";
        // Before opset 7, is_test=0 (the default) meant training: normalise by the batch's own statistics.
        if (ctx.Opset < 7 && ctx.Node.GetInt("is_test", 0) == 0)
            return "BatchNormalization before opset 7 with is_test=0 runs in training mode, which is not supported; export the model in eval mode";
        if (ctx.Node.Outputs.Skip(1).Any(o => o.Length > 0))
            return "BatchNormalization outputs beyond Y (running or saved statistics) only exist in training mode, which is not supported";
        for (int i = 0; i < 5; i++)
            if (TypeSupport.Require(ctx, i, TypeSupport.Float) is { } why) return why;
        var x = ctx.InputShape(0);
        return x.HasRank && x.Rank < 2 ? "BatchNormalization needs X of rank 2 or more (N, C, ...)" : null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        float[] scale = ctx.Input(1).Floats, bias = ctx.Input(2).Floats, mean = ctx.Input(3).Floats, variance = ctx.Input(4).Floats;
        double epsilon = ctx.Node.GetFloat("epsilon", 1e-5f);
        int n = x.Shape[0], c = x.Shape[1], inner = x.Length / Math.Max(1, n * c);
        bool perElement = scale.Length == c * inner && scale.Length != c;
        if (!perElement && scale.Length != c) throw ctx.Error($"scale has {scale.Length} values for {c} channels");
        foreach (var t in new[] { bias, mean, variance })
            if (t.Length != scale.Length) throw ctx.Error("scale, B, mean and var must have the same shape");
        var xs = x.Floats;
        var y = new float[xs.Length];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < inner; i++)
                {
                    int at = (b * c + ch) * inner + i, s = perElement ? ch * inner + i : ch;
                    y[at] = (float)((xs[at] - (double)mean[s]) / Math.Sqrt(variance[s] + epsilon) * scale[s] + bias[s]);
                }
        ctx.SetOutput(0, new Tensor(x.Type, x.Shape, y));
    }
}
