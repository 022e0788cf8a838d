using System.Text.Json.Nodes;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// The two baselines the model must beat on held-out people: the training people's majority
/// class, and per-task multinomial logistic regression on the same scaled window (balanced class
/// weights, as the network; L2 chosen on the validation people).
/// </summary>
public sealed class HealthBaselines
{
    public int[] Majority { get; }
    public LogisticRegression[] Logistic { get; }
    public double[] ChosenL2 { get; }

    private HealthBaselines(int[] majority, LogisticRegression[] logistic, double[] l2) { Majority = majority; Logistic = logistic; ChosenL2 = l2; }

    public static readonly double[] L2Grid = { 1e-4, 1e-3, 1e-2 };

    public static HealthBaselines Fit(IReadOnlyList<float[]> trainX, IReadOnlyList<int[]> trainY, IReadOnlyList<float[]> valX, IReadOnlyList<int[]> valY,
        int iterations, Action<string>? log = null)
    {
        var majority = new int[HealthLabels.Tasks];
        var models = new LogisticRegression[HealthLabels.Tasks];
        var chosen = new double[HealthLabels.Tasks];
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var y = trainY.Select(l => l[t]).ToList();
            var yv = valY.Select(l => l[t]).ToList();
            majority[t] = Enumerable.Range(0, HealthLabels.Classes).OrderByDescending(c => y.Count(v => v == c)).ThenBy(c => c).First();
            var weights = LogisticRegression.BalancedWeights(y, HealthLabels.Classes);
            double best = double.NegativeInfinity;
            foreach (var l2 in L2Grid)
            {
                var m = LogisticRegression.Train(trainX, y, HealthLabels.Classes, l2, iterations, weights);
                double f1 = ClassificationMetrics.MacroF1(yv, valX.Select(m.Predict).ToList(), HealthLabels.Classes);
                log?.Invoke($"logistic {HealthLabels.TaskNames[t]} l2={l2:G2}: validation macro-F1 {f1:F3}");
                if (f1 > best) { best = f1; models[t] = m; chosen[t] = l2; }
            }
        }
        return new HealthBaselines(majority, models, chosen);
    }

    public JsonObject ToJson()
    {
        var logistic = new JsonObject();
        for (int t = 0; t < HealthLabels.Tasks; t++)
            logistic[HealthLabels.TaskNames[t]] = new JsonObject
            {
                ["l2"] = ChosenL2[t],
                ["bias"] = new JsonArray(Logistic[t].Bias.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
                ["weights"] = new JsonArray(Logistic[t].Weights.Select(v => (JsonNode)JsonValue.Create(Math.Round(v, 7))).ToArray()),
            };
        return new JsonObject
        {
            ["majority_class"] = new JsonArray(Majority.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["logistic_regression"] = logistic,
        };
    }

    public static HealthBaselines? FromJson(JsonObject? o, int features)
    {
        if (o?["majority_class"] is not JsonArray maj || o["logistic_regression"] is not JsonObject lr) return null;
        var models = new LogisticRegression[HealthLabels.Tasks];
        var l2 = new double[HealthLabels.Tasks];
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            if (lr[HealthLabels.TaskNames[t]] is not JsonObject m) return null;
            var w = m["weights"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            if (w.Length != features * HealthLabels.Classes) return null;
            models[t] = new LogisticRegression(features, HealthLabels.Classes);
            w.CopyTo(models[t].Weights, 0);
            m["bias"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray().CopyTo(models[t].Bias, 0);
            l2[t] = m["l2"]?.GetValue<double>() ?? 0;
        }
        return new HealthBaselines(maj.Select(v => v!.GetValue<int>()).ToArray(), models, l2);
    }
}

/// <summary>Accuracy and macro-F1 of each task for one predictor.</summary>
public sealed record TaskScores(double[] Accuracy, double[] MacroF1)
{
    public double MeanMacroF1 => MacroF1.Average();
    public double MeanAccuracy => Accuracy.Average();

    public static TaskScores Of(IReadOnlyList<int[]> truth, IReadOnlyList<int[]> predicted)
    {
        var acc = new double[HealthLabels.Tasks];
        var f1 = new double[HealthLabels.Tasks];
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var y = truth.Select(l => l[t]).ToList();
            var p = predicted.Select(l => l[t]).ToList();
            acc[t] = ClassificationMetrics.Accuracy(y, p);
            f1[t] = ClassificationMetrics.MacroF1(y, p, HealthLabels.Classes);
        }
        return new TaskScores(acc, f1);
    }
}
