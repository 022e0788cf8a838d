using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Zoo;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Health;

public class HealthModelTests
{
    [Fact]
    public void FoldedScalingOnRawInputsMatchesTorchOnScaledInputsInOnnxRuntime()
    {
        TorchRuntime.Initialize(5);
        var data = new HealthDataSpec(5, 10, 40, 7, null).Load();
        var scaling = FeatureScaling.Fit(data.Train, 7);
        var net = new HealthNet(HealthFeatures.InputSize(7), 16, 8, 0.0);
        net.eval();
        var graph = net.ToGraph(scaling);
        // Windows with missing groups (wear gaps, missing sleep scores) are the case the folding must get right.
        var windows = data.Train.Where(w => w.Input.Contains(0f)).Take(20).ToList();
        Assert.Contains(windows, w => Enumerable.Range(0, 7).Any(d => w.Input[d * HealthFeatures.PerDay + Array.IndexOf(HealthFeatures.DayColumns, "worn")] == 0f));
        foreach (var w in windows)
        {
            using var z = torch.tensor(scaling.Apply(w.Input), new long[] { 1, w.Input.Length });
            var expected = net.forward(z).data<float>().ToArray();
            var outputs = OrtRunner.Run(graph, new Dictionary<string, Tensor> { ["features"] = Tensor.FromFloats(new[] { 1, w.Input.Length }, w.Input) });
            var actual = HealthLabels.OutputNames.SelectMany(n => outputs[n].Floats).ToArray();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"logit {i}: torch {expected[i]} vs ORT {actual[i]}");
        }
        Assert.InRange(HealthNet.ParameterCount(HealthFeatures.InputSize(7), 64, 32), 1, 20_000);
    }

    [Fact]
    public void QuickTrainingWritesAFolderThatEvaluates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "health-quick-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var outcome = new HealthTask().Train(new TrainContext { OutputDir = dir, Quick = true, Seed = 2 });
            Assert.True(File.Exists(Path.Combine(dir, ModelFolder.ModelFile)));
            Assert.Equal("health", ModelCard.ReadDataset(outcome.CardPath));
            var config = ModelFolder.ReadConfig(outcome.ModelPath)!;
            var graph = OnnxImporter.Load(outcome.ModelPath);
            Assert.Equal(HealthLabels.OutputNames, graph.Outputs.Select(o => o.Name));
            using var backend = new OrtBackend(graph);
            var result = new HealthDataset().Evaluate(new EvaluationContext { ModelPath = outcome.ModelPath, Graph = graph, Config = config, Backend = backend });
            Assert.True(result.Samples > 0);
            Assert.Equal(outcome.Metrics["macro_f1"], result.Value, 9); // the card's figure is what evaluate measures
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void CommittedModelBeatsBothBaselinesOnHeldOutPeopleInOnnxRuntime()
    {
        var path = Path.Combine(HealthTestPaths.RepoRoot, "models", "health-events", ModelFolder.ModelFile);
        Assert.True(File.Exists(path), $"train it with ./edgetk train health -o models/health-events ({path} missing)");
        var graph = OnnxImporter.Load(path);
        using var backend = new OrtBackend(graph);
        var result = new HealthDataset().Evaluate(new EvaluationContext { ModelPath = path, Graph = graph, Config = ModelFolder.ReadConfig(path), Backend = backend });
        Assert.True(result.Samples >= 1000, $"only {result.Samples} held-out windows");
        foreach (var task in HealthLabels.TaskNames)
        {
            double model = result.Details[$"{task}_macro_f1"];
            Assert.True(model > result.Details[$"{task}_logistic_macro_f1"], $"{task}: model {model:F3} vs logistic {result.Details[$"{task}_logistic_macro_f1"]:F3}");
            Assert.True(model > result.Details[$"{task}_majority_macro_f1"], $"{task}: model {model:F3} vs majority {result.Details[$"{task}_majority_macro_f1"]:F3}");
        }
        Assert.True(graph.Initializers.Values.Where(t => t.Length > 1).Sum(t => t.Length) <= 20_000);
    }
}
