using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Control;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using Xunit.Abstractions;

namespace EdgeToolkit.Training.Tests.Tuning;

public class FineTunerTests(ITestOutputHelper output)
{
    private static readonly DistillationInputs NoSamples = new(null, "random uniform [-1, 1]");

    [Fact]
    public void DamagedMsdModelGetsBackMostOfItsHeldOutAccuracy()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, path) = ZooModels.Load("control-msd");
        var damaged = ZooModels.Perturbed(graph, 0.3, 11);
        double original = MsdError(graph, config, path), before = MsdError(damaged, config, path);

        using var module = new GraphModule(damaged);
        var objective = TuningObjectives.For(damaged, config, graph, NoSamples, 1);
        var log = FineTuner.Run(module, objective, new FineTuneSettings(300), NullTrainingProgress.Instance);
        module.WriteBack(damaged);
        double after = MsdError(damaged, config, path);

        output.WriteLine($"msd held-out nrmse_pct_range: trained {original:F3}, damaged {before:F3}, fine-tuned {after:F3} ({log.Duration.TotalSeconds:F1} s)");
        Assert.True(log.LastLoss < log.FirstLoss / 5, $"loss {log.FirstLoss} -> {log.LastLoss}");
        Assert.True(after < before / 5, $"held-out nrmse_pct_range: trained {original:F3}, damaged {before:F3}, fine-tuned {after:F3}");
    }

    [Fact]
    public void DamagedHealthModelGetsBackMostOfItsMacroF1()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, path) = ZooModels.Load("health-events");
        var damaged = ZooModels.Perturbed(graph, 0.5, 11);
        double original = HealthF1(graph, config, path), before = HealthF1(damaged, config, path);

        using var module = new GraphModule(damaged);
        var progress = new RecordingProgress();
        var log = FineTuner.Run(module, TuningObjectives.For(damaged, config, graph, NoSamples, 1), new FineTuneSettings(300), progress);
        module.WriteBack(damaged);
        double after = HealthF1(damaged, config, path);

        output.WriteLine($"health held-out macro-F1: trained {original:F3}, damaged {before:F3}, fine-tuned {after:F3} ({log.Duration.TotalSeconds:F1} s)");
        // fc1 reads raw step counts and minutes: without smaller steps there, this rate wrecks the model (macro-F1 ~0.18).
        var firstLayer = graph.Nodes.First(n => n.OpType == "Gemm").Inputs[1];
        Assert.Contains(progress.Logs, l => l.Contains($"'{firstLayer}'"));
        Assert.True(log.LastLoss < log.FirstLoss, $"loss {log.FirstLoss} -> {log.LastLoss}");
        Assert.True(original - before > 0.05, $"the damage must cost macro-F1 for the check to mean anything: {original:F3} -> {before:F3}");
        Assert.True(after - before > 0.5 * (original - before), $"held-out macro-F1: trained {original:F3}, damaged {before:F3}, fine-tuned {after:F3}");
    }

    [Fact]
    public void DamagedFashionCnnLossFallsWithinAFewSteps()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("fashion-cnn");
        var damaged = ZooModels.Perturbed(graph, 0.3, 11);
        using var module = new GraphModule(damaged);
        var log = FineTuner.Run(module, TuningObjectives.For(damaged, config, graph, NoSamples, 1), new FineTuneSettings(40), NullTrainingProgress.Instance);
        output.WriteLine($"fashion-cnn, weights x (1 + 0.3 N(0,1)): loss {log.FirstLoss:F3} -> {log.LastLoss:F3} in 40 steps ({log.Duration.TotalSeconds:F1} s)");
        Assert.True(log.LastLoss < 0.8 * log.FirstLoss, $"loss {log.FirstLoss} -> {log.LastLoss}");
    }

    [Fact]
    public void ZeroStepsLeavesTheWeightsAlone()
    {
        var graph = TinyLinear();
        using var module = new GraphModule(graph);
        var log = FineTuner.Run(module, new ExplodingObjective(), new FineTuneSettings(0), NullTrainingProgress.Instance);
        Assert.Equal(0, log.Steps);
        Assert.True(double.IsNaN(log.FirstLoss) && double.IsNaN(log.LastLoss));
        var copy = TinyLinear();
        module.WriteBack(copy);
        Assert.Equal(graph.Initializers["w"].Floats, copy.Initializers["w"].Floats);
        Assert.False(module.training);
    }

    [Fact]
    public void ADivergingLossStopsWithAnError()
    {
        TorchRuntime.Initialize(1);
        using var module = new GraphModule(TinyLinear());
        var e = Assert.Throws<EdgeToolkitException>(() => FineTuner.Run(module, new ExplodingObjective(), new FineTuneSettings(10), NullTrainingProgress.Instance));
        Assert.Contains("diverged", e.Message);
        Assert.Contains("step 1 ", e.Message);
    }

    [Fact]
    public void ProgressEndsOnTheLastStepAndTheModuleIsLeftInEvalMode()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("control-msd");
        using var module = new GraphModule(graph);
        var progress = new RecordingProgress();
        FineTuner.Run(module, TuningObjectives.For(graph, config, graph, NoSamples, 1), new FineTuneSettings(12, LearningRate: 1e-5), progress);
        Assert.NotEmpty(progress.Reports);
        Assert.All(progress.Reports, r => Assert.Equal("fine-tune", r.Phase));
        Assert.Equal((12L, 12L), (progress.Reports[^1].Step, progress.Reports[^1].TotalSteps));
        Assert.True(progress.Reports[^1].Loss is > 0 and < 1e-2);
        Assert.False(module.training);
    }

    [Fact]
    public void ScheduleWarmsUpOverFivePercentThenDecaysToFivePercentOfThePeak()
    {
        var schedule = new FineTuneSchedule(1e-3, 200);
        Assert.Equal(1e-4, schedule.At(1), 12);   // 10 warm-up steps
        Assert.Equal(1e-3, schedule.At(10), 12);
        Assert.Equal(5e-5 + (1e-3 - 5e-5) / 2, schedule.At(105), 12); // halfway through the 190 decay steps
        Assert.Equal(5e-5, schedule.At(200), 12);
        Assert.Equal(1e-3, new FineTuneSchedule(1e-3, 1).At(1), 12);
    }

    private static double MsdError(ModelGraph graph, System.Text.Json.Nodes.JsonObject config, string path)
    {
        using var ort = new OrtBackend(graph);
        return new ControlMsdDataset().Evaluate(new EvaluationContext { ModelPath = path, Graph = graph, Config = config, Backend = ort, Limit = 500 }).Value;
    }

    private static double HealthF1(ModelGraph graph, System.Text.Json.Nodes.JsonObject config, string path)
    {
        using var ort = new OrtBackend(graph);
        return new HealthDataset().Evaluate(new EvaluationContext { ModelPath = path, Graph = graph, Config = config, Backend = ort }).Value;
    }

    /// <summary>y = x · w, x [1, 2], w [2, 2].</summary>
    private static ModelGraph TinyLinear()
    {
        var b = new GraphBuilder("tiny");
        var x = b.Input("x", DataType.Float32, 1, 2);
        var w = b.Constant("w", Tensor.FromFloats(new[] { 2, 2 }, new[] { 1f, 2f, 3f, 4f }));
        b.Output(b.Op("MatMul", new[] { x, w }));
        return b.Graph;
    }

    private sealed class ExplodingObjective : ITuningObjective
    {
        public string Description => "a loss that is NaN";
        public double LearningRate => 1e-3;
        public torch.Tensor Loss(GraphModule module, Random rng)
        {
            var y = module.Run(new Dictionary<string, torch.Tensor> { ["x"] = torch.ones(4, 1, 2) });
            return y.Values.First().sum() * double.NaN;
        }
    }

    private sealed class RecordingProgress : ITrainingProgress
    {
        public List<TrainProgress> Reports { get; } = new();
        public List<string> Logs { get; } = new();
        public void Report(TrainProgress progress) => Reports.Add(progress);
        public void Log(string message) => Logs.Add(message);
    }
}
