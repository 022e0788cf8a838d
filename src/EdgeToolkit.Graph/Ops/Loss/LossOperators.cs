using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Loss;

/// <summary>
/// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (= NLL of LogSoftmax over axis 1), for
/// input [N, C] or [N, C, d1..dk] and integer targets [N] or [N, d1..dk]: loss = -x[n, t, d] * w[t],
/// 0 (and weight 0) where t = ignore_index; reduction none, sum, or mean (divided by the summed
/// weights). SoftmaxCrossEntropyLoss may also output the log-probabilities. Computed in double.
/// </summary>
public sealed class LossOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[] { new LossOperator("NegativeLogLikelihoodLoss"), new LossOperator("SoftmaxCrossEntropyLoss") };
}

internal sealed class LossOperator(string opType) : IOperator
{
    public string OpType => opType;
    private bool Softmax => opType == "SoftmaxCrossEntropyLoss";

    public string? CheckSupported(ShapeContext ctx)
    {
        var why = TypeSupport.Require(ctx, 0, TypeSupport.Float) ?? TypeSupport.Require(ctx, 1, new[] { DataType.Int32, DataType.Int64 }, "target");
        if (why == null && ctx.HasInput(2)) why = TypeSupport.Require(ctx, 2, TypeSupport.Float, "weight");
        if (why != null) return why;
        if (LossGeometry.Reduction(ctx.Node) is not ("none" or "sum" or "mean")) return $"{opType} reduction '{LossGeometry.Reduction(ctx.Node)}' is not none, sum or mean";
        var x = ctx.InputShape(0);
        return x.HasRank && x.Rank < 2 ? $"{opType} needs an input of rank 2 or more (N, C, ...)" : null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        ctx.SetOutput(0, type, LossGeometry.Reduction(ctx.Node) == "none" ? ctx.InputShape(1) : SymShape.Of());
        if (Softmax && ctx.Node.Outputs.Count > 1) ctx.SetOutput(1, type, ctx.InputShape(0));
    }

    public void Evaluate(EvalContext ctx)
    {
        var input = ctx.Input(0);
        var g = new LossGeometry(input.Shape);
        var x = TensorValues.ToDoubles(input);
        if (Softmax) x = LogSoftmax(x, g);
        var target = TensorValues.ToLongs(ctx.Input(1));
        var weight = ctx.OptionalInput(2) is { } w ? TensorValues.ToDoubles(w) : null;
        long? ignore = ctx.Node.HasAttribute("ignore_index") ? ctx.Node.GetInt("ignore_index", 0) : null;
        var loss = new double[g.N * g.Inner];
        double lossSum = 0, weightSum = 0;
        for (int n = 0; n < g.N; n++)
            for (int d = 0; d < g.Inner; d++)
            {
                int j = n * g.Inner + d;
                long t = target[j];
                if (t == ignore) continue;
                if (t < 0 || t >= g.C) throw ctx.Error($"target {t} at position {j} is outside [0, {g.C})");
                double wt = weight?[t] ?? 1;
                loss[j] = -x[(n * g.C + t) * g.Inner + d] * wt;
                lossSum += loss[j];
                weightSum += wt;
            }
        var output = LossGeometry.Reduction(ctx.Node) switch
        {
            "none" => TensorValues.FromDoubles(input.Type, ctx.Input(1).Shape, loss),
            "sum" => TensorValues.FromDoubles(input.Type, Array.Empty<int>(), new[] { lossSum }),
            _ => TensorValues.FromDoubles(input.Type, Array.Empty<int>(), new[] { lossSum / weightSum }),
        };
        ctx.SetOutput(0, output);
        if (Softmax) ctx.SetOutput(1, TensorValues.FromDoubles(input.Type, input.Shape, x));
    }

    private static double[] LogSoftmax(double[] x, LossGeometry g)
    {
        var r = new double[x.Length];
        for (int n = 0; n < g.N; n++)
            for (int d = 0; d < g.Inner; d++)
            {
                int start = n * g.C * g.Inner + d;
                double max = double.NegativeInfinity, sum = 0;
                for (int c = 0; c < g.C; c++) max = Math.Max(max, x[start + c * g.Inner]);
                for (int c = 0; c < g.C; c++) sum += Math.Exp(x[start + c * g.Inner] - max);
                double lse = max + Math.Log(sum);
                for (int c = 0; c < g.C; c++) r[start + c * g.Inner] = x[start + c * g.Inner] - lse;
            }
        return r;
    }
}

/// <summary>Input [N, C, d1..dk] seen as N x C x Inner (Inner = d1 * ... * dk, 1 for [N, C]).</summary>
public readonly record struct LossGeometry(int N, int C, int Inner)
{
    public LossGeometry(int[] inputShape) : this(inputShape[0], inputShape[1], inputShape.Skip(2).Aggregate(1, (p, d) => p * d)) { }

    public static string Reduction(Node node) => node.GetString("reduction", "mean");
}
