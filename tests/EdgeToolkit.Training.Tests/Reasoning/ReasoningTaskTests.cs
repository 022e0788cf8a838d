using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Reasoning;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Tests.Reasoning;

public class ReasoningTaskTests
{
    [Fact]
    public void TaskAndDatasetsAreRegistered()
    {
        Assert.IsType<ReasoningTask>(ZooRegistry.Tasks["reasoning"]);
        foreach (var name in new[] { "arithmetic-add", "arithmetic-sub", "arithmetic-mul" })
        {
            var d = ZooRegistry.Datasets[name];
            Assert.Equal("exact_match", d.Metric);
            Assert.Equal(1000, d.DefaultSamples("ort"));
            Assert.Equal(1000, d.DefaultSamples("host"));
            Assert.Equal(100, d.DefaultSamples("cortex-m4"));
        }
    }

    [Fact]
    public void QuickTrainingWritesAFolderThatEvaluates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-reasoning-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var task = new ReasoningTask();
            var outcome = task.Train(new TrainContext
            {
                OutputDir = dir, Quick = true, Command = "test",
                Options = new Dictionary<string, string> { ["layers"] = "1", ["d-model"] = "32", ["ff"] = "64" },
            });
            Assert.Equal("arithmetic-add", ModelCard.ReadDataset(outcome.CardPath));
            var card = File.ReadAllText(outcome.CardPath);
            Assert.Contains("47*38=673+0141=6871$", card);
            Assert.Contains("./edgetk train reasoning --scratchpad false -o models/reasoning-arith-noscratch", card);
            Assert.True(outcome.Metrics["step_logits_max_abs_diff"] <= 1e-5, $"step logits differ by {outcome.Metrics["step_logits_max_abs_diff"]}");
            Assert.Equal(1.0, outcome.Metrics["torch_ort_greedy_agreement"]);

            var graph = OnnxImporter.Load(outcome.ModelPath);
            var config = ModelFolder.ReadConfig(outcome.ModelPath);
            var sig = ReasoningConfig.ReadSignature(config, outcome.ModelPath);
            Assert.Equal(("token", "position", "logits", ArithmeticData.MaxContext), (sig.TokenInput, sig.PositionInput, sig.LogitsOutput, sig.MaxContext));
            Assert.Equal(new[] { ("past_keys", "present_keys"), ("past_values", "present_values") }, sig.States.Select(s => (s.Input, s.Output)));
            Assert.Equal(ArithmeticVocabulary.EndToken, sig.EndToken);
            using var ort = new OrtBackend(graph);
            var result = new ArithmeticMulDataset().Evaluate(new EvaluationContext { ModelPath = outcome.ModelPath, Graph = graph, Config = config, Backend = ort, Limit = 5 });
            Assert.Equal(5, result.Samples);
            Assert.InRange(result.Value, 0, 1);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void CommittedModelAddsHeldOutProblemsThroughOnnxRuntime()
    {
        var modelPath = Path.Combine(RepositoryRoot(), "models", "reasoning-arith", "model.onnx");
        Assert.True(File.Exists(modelPath), $"{modelPath} is missing: train it with ./edgetk train reasoning -o models/reasoning-arith");
        var graph = OnnxImporter.Load(modelPath);
        using var ort = new OrtBackend(graph);
        var result = new ArithmeticAddDataset().Evaluate(new EvaluationContext
        {
            ModelPath = modelPath, Graph = graph, Config = ModelFolder.ReadConfig(modelPath), Backend = ort, Limit = 200,
        });
        Assert.Equal(200, result.Samples);
        Assert.True(result.Value >= 0.99, $"exact match {result.Value:P1} on 200 held-out additions");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "EdgeToolkit.Training")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no repository with src/EdgeToolkit.Training and models/ above {AppContext.BaseDirectory}");
    }
}
