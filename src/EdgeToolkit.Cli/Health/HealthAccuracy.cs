using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Health;

/// <summary>One model's held-out scores: per-task macro-F1 and accuracy, and the mean absolute error in classes (the classes are ordered).</summary>
public sealed record VariantScores(string Name, string Where, TaskScores Scores, double[] ClassMae);

/// <summary>Every variant and both baselines on the same held-out windows.</summary>
public sealed record HealthAccuracy(IReadOnlyList<VariantScores> Variants, TaskScores Majority, TaskScores Logistic, double[] MajorityMae,
    double[] LogisticMae, int Windows, int People)
{
    public VariantScores Wearable => Variants.First(v => v.Name == HealthScoring.WearableName);
}

/// <summary>
/// Scores the models of the demo on the held-out people's windows: the float, pruned and transformer models in ONNX
/// Runtime, and the wearable build (pruned int8) as generated C on the host, whose integer kernels are bit-identical
/// to the board's (verify and the month's stream check that).
/// </summary>
public static class HealthScoring
{
    public const string WearableName = "wearable (pruned int8, C)";

    public static HealthAccuracy Run(HealthSplitData data, HealthModelSet models, Reporter reporter)
    {
        var windows = data.Test;
        var truth = windows.Select(w => w.Labels).ToList();
        var variants = new List<VariantScores>();
        void Add(string name, string where, IInferenceBackend backend)
        {
            reporter.Progress($"scoring {name} on {windows.Count} held-out windows ({where})");
            var predicted = HealthDataset.Predict(backend, windows);
            variants.Add(new VariantScores(name, where, TaskScores.Of(truth, predicted), ClassMae(truth, predicted)));
        }
        void AddOrt(string name, string folder)
        {
            using var ort = new OrtBackend(ModelSource.Load(folder).Graph);
            Add(name, "ONNX Runtime", ort);
        }

        AddOrt("MLP (float)", models.Mlp);
        AddOrt("MLP pruned (float)", models.Pruned);
        AddOrt("MLP pruned int8", models.Int8);
        var compiled = Compiler.Compile(ModelSource.Load(models.Int8), new ModelOptions { Target = "host" }, reporter);
        Add(WearableName, "generated C, host build", new TargetBackend(compiled, reporter));
        if (models.Transformer != null) AddOrt("transformer (float)", models.Transformer);
        if (models.TransformerInt8 != null) AddOrt("transformer int8", models.TransformerInt8);

        var config = ModelFolder.ReadConfig(Path.Combine(models.Mlp, ModelFolder.ModelFile));
        var scaling = FeatureScaling.Fit(data.Train, data.Spec.Window);
        var baselines = HealthBaselines.FromJson(config?["baselines"]?.AsObject(), HealthFeatures.InputSize(data.Spec.Window))
            ?? HealthDataset.FitBaselines(data, scaling, new HealthTrainConfig().LogisticIterations, reporter.Progress);
        var (majority, logistic) = HealthDataset.ScoreBaselines(baselines, scaling, windows);
        var majorityMae = ClassMae(truth, windows.Select(_ => (int[])baselines.Majority.Clone()).ToList());
        var logisticMae = ClassMae(truth, windows.Select(w =>
        {
            var z = scaling.Apply(w.Input);
            return Enumerable.Range(0, HealthLabels.Tasks).Select(t => baselines.Logistic[t].Predict(z)).ToArray();
        }).ToList());
        return new HealthAccuracy(variants, majority, logistic, majorityMae, logisticMae, windows.Count, data.Split.Test.Count);
    }

    /// <summary>Mean |predicted class - reported class| per task: 0 is perfect, 2 is low for high.</summary>
    public static double[] ClassMae(IReadOnlyList<int[]> truth, IReadOnlyList<int[]> predicted) =>
        Enumerable.Range(0, HealthLabels.Tasks).Select(t => truth.Count == 0 ? 0 : truth.Zip(predicted).Average(p => (double)Math.Abs(p.First[t] - p.Second[t]))).ToArray();
}
