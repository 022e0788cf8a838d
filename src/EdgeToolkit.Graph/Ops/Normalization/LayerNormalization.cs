using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Normalization;

/// <summary>
/// LayerNormalization (opset 17): normalizes over the dims from axis (default -1) to the end,
/// Y = (X - mean) / sqrt(var + epsilon) * Scale + B, with Scale and the optional B broadcasting
/// to X. Optional outputs Mean and InvStdDev have X's shape with the normalized dims set to 1.
/// Statistics are computed in double (stash_type 1 means "at least float").
/// </summary>
public sealed class LayerNormalizationOperator : IOperator
{
    public string OpType => "LayerNormalization";

    public string? CheckSupported(ShapeContext ctx)
    {
        var why = TypeSupport.RequireAll(ctx, TypeSupport.Float);
        if (why != null) return why;
        var stash = ctx.Node.GetInt("stash_type", 1);
        return stash == 1 ? null : $"stash_type {stash} is not supported (only 1, float)";
    }

    public void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var type = ctx.InputType(0);
        ctx.SetOutput(0, type, x);
        if (!x.HasRank) { ctx.SetOutput(1, type, x); ctx.SetOutput(2, type, x); return; }
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", -1), x.Rank);
        var stats = new SymShape(x.Dims!.Select((d, k) => k < axis ? d : Dim.Of(1)));
        ctx.SetOutput(1, type, stats);
        ctx.SetOutput(2, type, stats);
    }

    public void Evaluate(EvalContext ctx)
    {
        var x = ctx.Input(0);
        int axis = Axes.Normalize(ctx.Node.GetInt("axis", -1), x.Rank);
        double eps = ctx.Node.GetFloat("epsilon", 1e-5f);
        int outer = Axes.Product(x.Shape, 0, axis), size = Axes.Product(x.Shape, axis, x.Rank);
        var v = TensorValues.ToDoubles(x);
        Tensor scale = ctx.Input(1);
        var bias = ctx.OptionalInput(2);
        double[] s = TensorValues.ToDoubles(scale), b = bias != null ? TensorValues.ToDoubles(bias) : new double[1];
        int[] sMap = Broadcasting.IndexMap(x.Shape, scale.Shape), bMap = bias != null ? Broadcasting.IndexMap(x.Shape, bias.Shape) : new int[v.Length];
        double[] y = new double[v.Length], means = new double[outer], invStd = new double[outer];
        for (int o = 0; o < outer; o++)
        {
            int start = o * size;
            double sum = 0, sq = 0;
            for (int j = 0; j < size; j++) sum += v[start + j];
            double mean = sum / size;
            for (int j = 0; j < size; j++) { double d = v[start + j] - mean; sq += d * d; }
            double inv = 1 / Math.Sqrt(sq / size + eps);
            means[o] = mean; invStd[o] = inv;
            for (int j = 0; j < size; j++)
            {
                int i = start + j;
                y[i] = (v[i] - mean) * inv * s[sMap[i]] + (bias != null ? b[bMap[i]] : 0);
            }
        }
        var statShape = x.Shape.Select((d, k) => k < axis ? d : 1).ToArray();
        ctx.SetOutput(0, TensorValues.FromDoubles(x.Type, x.Shape, y));
        ctx.SetOutput(1, TensorValues.FromDoubles(x.Type, statShape, means));
        ctx.SetOutput(2, TensorValues.FromDoubles(x.Type, statShape, invStd));
    }
}
