using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using GraphTensor = EdgeToolkit.Graph.Tensor;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// `edgetk evaluate MODEL --dataset health`: the held-out (test) people's windows, rebuilt from
/// the model folder's config.json (generator seed and size, or the PMData folder). Metric: mean
/// macro-F1 over stress, readiness and sleep quality; Details carry per-task accuracy and
/// macro-F1 for the model and both baselines on the same windows.
/// </summary>
public sealed class HealthDataset : IEvaluationDataset, ICalibrationSamples
{
    public string Name => "health";
    public string Summary => "next-day stress, readiness, sleep quality (3 classes each) of held-out people from 7 days of wearable data";
    public string Metric => "macro_f1";
    public bool HigherIsBetter => true;
    public int DefaultSamples(string target) => target is "ort" or "host" ? int.MaxValue : 200;

    public EvaluationResult Evaluate(EvaluationContext context)
    {
        var spec = HealthDataSpec.FromJson(context.Config?["data"]?.AsObject());
        var data = spec.Load();
        var windows = data.Test.Take(context.SampleCount(this, data.Test.Count)).ToList();
        context.Progress.Log($"health: {windows.Count} windows of {data.Split.Test.Count} held-out people ({spec.Describe()})");

        var predicted = Predict(context.Backend, windows);
        var truth = windows.Select(w => w.Labels).ToList();
        var model = TaskScores.Of(truth, predicted);

        var scaling = FeatureScaling.Fit(data.Train, spec.Window);
        var baselines = HealthBaselines.FromJson(context.Config?["baselines"]?.AsObject(), HealthFeatures.InputSize(spec.Window))
            ?? FitBaselines(data, scaling, new HealthTrainConfig().LogisticIterations);
        var (majority, logistic) = ScoreBaselines(baselines, scaling, windows);

        var details = new Dictionary<string, double> { ["mean_accuracy"] = model.MeanAccuracy };
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var task = HealthLabels.TaskNames[t];
            details[$"{task}_accuracy"] = model.Accuracy[t];
            details[$"{task}_macro_f1"] = model.MacroF1[t];
            details[$"{task}_majority_accuracy"] = majority.Accuracy[t];
            details[$"{task}_majority_macro_f1"] = majority.MacroF1[t];
            details[$"{task}_logistic_accuracy"] = logistic.Accuracy[t];
            details[$"{task}_logistic_macro_f1"] = logistic.MacroF1[t];
        }
        details["majority_macro_f1"] = majority.MeanMacroF1;
        details["logistic_macro_f1"] = logistic.MeanMacroF1;
        return new EvaluationResult(Name, Metric, model.MeanMacroF1, windows.Count, details,
            $"{data.Split.Test.Count} held-out people; baselines on the same windows");
    }

    /// <summary>Windows of the training people (never the held-out ones), rebuilt from config.json like Evaluate.</summary>
    public IEnumerable<IReadOnlyDictionary<string, GraphTensor>> CalibrationInputs(ModelGraph graph, JsonObject? config, int count, int seed)
    {
        var input = CalibrationDraw.SingleInput(graph, Name);
        var train = HealthDataSpec.FromJson(config?["data"]?.AsObject()).Load().Train;
        foreach (var i in CalibrationDraw.Indices(train.Count, count, seed))
            yield return new Dictionary<string, GraphTensor> { [input.Name] = GraphTensor.FromFloats(CalibrationDraw.ShapeFor(input, train[i].Input.Length), train[i].Input) };
    }

    /// <summary>All windows through the backend in one call; argmax of each task's logits.</summary>
    public static List<int[]> Predict(IInferenceBackend backend, IReadOnlyList<HealthWindow> windows)
    {
        var cases = windows.Select(w => (IReadOnlyDictionary<string, GraphTensor>)new Dictionary<string, GraphTensor>
            { ["features"] = GraphTensor.FromFloats(new[] { 1, w.Input.Length }, w.Input) }).ToList();
        var outputs = backend.Run(cases);
        return outputs.Select(o => HealthLabels.OutputNames.Select(name => ClassificationMetrics.ArgMax(o[name].ToFloatArray())).ToArray()).ToList();
    }

    public static HealthBaselines FitBaselines(HealthSplitData data, FeatureScaling scaling, int iterations, Action<string>? log = null) =>
        HealthBaselines.Fit(data.Train.Select(w => scaling.Apply(w.Input)).ToList(), data.Train.Select(w => w.Labels).ToList(),
            data.Validation.Select(w => scaling.Apply(w.Input)).ToList(), data.Validation.Select(w => w.Labels).ToList(), iterations, log);

    public static (TaskScores Majority, TaskScores Logistic) ScoreBaselines(HealthBaselines b, FeatureScaling scaling, IReadOnlyList<HealthWindow> windows)
    {
        var truth = windows.Select(w => w.Labels).ToList();
        var majority = TaskScores.Of(truth, windows.Select(_ => (int[])b.Majority.Clone()).ToList());
        var logistic = TaskScores.Of(truth, windows.Select(w =>
        {
            var z = scaling.Apply(w.Input);
            return Enumerable.Range(0, HealthLabels.Tasks).Select(t => b.Logistic[t].Predict(z)).ToArray();
        }).ToList());
        return (majority, logistic);
    }
}
