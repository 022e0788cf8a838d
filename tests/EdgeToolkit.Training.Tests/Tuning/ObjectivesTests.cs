using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Control;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Tuning.Objectives;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using Xunit.Abstractions;

namespace EdgeToolkit.Training.Tests.Tuning;

public class ObjectivesTests(ITestOutputHelper output)
{
    private static readonly DistillationInputs NoSamples = new(null, "random uniform [-1, 1]");

    [Fact]
    public void MsdObjectiveIsTheOneStepStandardisedErrorOnTheTrainingWindows()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("control-msd");
        var objective = TuningObjectives.For(graph, config, graph, NoSamples, 1);
        Assert.IsType<ControlObjective>(objective);

        var (windows, _) = TrainingWindows("msd", config);
        var (xMean, xStd) = WindowSet.ColumnStats(windows.Features, windows.Layout.FeatureCount);
        // The regenerated windows are the trainer's: their statistics are the scaling it stored.
        AssertClose(Floats(config["scaling"]!["input_mean"]!), xMean, 1e-4);
        AssertClose(Floats(config["scaling"]!["input_std"]!), xStd, 1e-4);

        double reference = OneStepStandardisedMse(graph, config, windows, 1500);
        double trained = MeanLoss(objective, graph, 8);
        double zeroed = MeanLoss(objective, ZooModels.Zeroed(graph, graph.Initializers.Keys), 8);
        output.WriteLine($"msd: objective {trained:G3}, ORT reference {reference:G3}, zero weights {zeroed:G3}");
        Assert.InRange(trained / reference, 0.7, 1.4);
        Assert.True(trained < 1e-3, $"trained msd loss {trained}");
        // Zero weights predict 0 m and 0 m/s: about one standard deviation off, a loss near 1.
        Assert.InRange(zeroed, 0.8, 1.3);
    }

    [Fact]
    public void TendonObjectiveIsTheTrainersRolloutLossNotTheOneStepOne()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("control-tendon");
        var objective = TuningObjectives.For(graph, config, graph, NoSamples, 1);
        var (windows, perRun) = TrainingWindows("tendon", config);

        // Reference in physical units with OpenLoopRollout and ONNX Runtime: the same loss form as RolloutLoss.
        int steps = config["training"]!["rollout_steps"]!.GetValue<int>();
        double w = config["training"]!["one_step_weight"]!.GetValue<double>();
        var allStarts = OpenLoopRollout.Starts(perRun, steps);
        var starts = Enumerable.Range(0, 300).Select(i => allStarts[i * allStarts.Length / 300]).ToArray();
        using var ort = new OrtBackend(graph);
        var (predicted, targets) = OpenLoopRollout.Run(windows, starts, steps, batch => Predict(ort, graph, batch, windows.Layout.FeatureCount));
        var yStd = Floats(config["scaling"]!["output_std"]!);
        int m = yStd.Length;
        var perStep = new double[steps];
        for (int s = 0; s < starts.Length; s++)
            for (int h = 0; h < steps; h++)
                for (int c = 0; c < m; c++)
                {
                    int i = (s * steps + h) * m + c;
                    double e = (predicted[i] - targets[i]) / yStd[c];
                    perStep[h] += e * e / (starts.Length * m);
                }
        double reference = w * perStep[0] + (1 - w) * perStep.Average();

        double loss = MeanLoss(objective, graph, 8), perturbed = MeanLoss(objective, ZooModels.Perturbed(graph, 0.3, 7), 8);
        output.WriteLine($"tendon: objective {loss:G3}, ORT rollout reference {reference:G3} (one-step part {perStep[0]:G3}), weights x (1 + 0.3 N(0,1)) {perturbed:G3}");
        Assert.InRange(loss / reference, 0.6, 1.6);
        Assert.True(reference > 3 * perStep[0], $"rollout loss {reference} vs one-step {perStep[0]}: the check would not tell them apart");
        Assert.True(perturbed > 10 * loss);
    }

    [Fact]
    public void HealthObjectiveIsTheClassWeightedCrossEntropyOfTheTrainingPeople()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("health-events");
        var objective = TuningObjectives.For(graph, config, graph, NoSamples, 1);
        Assert.IsType<HealthObjective>(objective);

        // Reference: ONNX Runtime on every training window, weights n / (3 · class count) as HealthTrainer.
        var train = HealthDataSpec.FromJson(config["data"]!.AsObject()).Load().Train;
        using var ort = new OrtBackend(graph);
        var outputs = ort.Run(train.Select(t => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
            { ["features"] = Tensor.FromFloats(new[] { 1, t.Input.Length }, t.Input) }).ToList());
        double reference = 0;
        for (int task = 0; task < HealthLabels.Tasks; task++)
        {
            var counts = Enumerable.Range(0, 3).Select(c => train.Count(t => t.Labels[task] == c)).ToArray();
            double weighted = 0, weights = 0;
            for (int i = 0; i < train.Count; i++)
            {
                var logits = outputs[i][HealthLabels.OutputNames[task]].Floats;
                int label = train[i].Labels[task];
                double max = logits.Max(), logSum = max + Math.Log(logits.Sum(v => Math.Exp(v - max)));
                double weight = train.Count / (3.0 * counts[label]);
                weighted += weight * (logSum - logits[label]);
                weights += weight;
            }
            reference += weighted / weights;
        }

        double trained = MeanLoss(objective, graph, 30);
        // All-zero logits: ln 3 per head whatever the class weights.
        double zeroed = MeanLoss(objective, ZooModels.Zeroed(graph, graph.Initializers.Keys), 2);
        output.WriteLine($"health: objective {trained:G4}, ORT reference {reference:G4}, zero weights {zeroed:G4}");
        Assert.InRange(trained / reference, 0.9, 1.1);
        Assert.Equal(3 * Math.Log(3), zeroed, 4);
        Assert.True(trained < zeroed - 0.3, $"trained {trained} vs uninformed {zeroed}");
    }

    [Fact]
    public void VisionObjectiveIsLabelSmoothedCrossEntropyOnAugmentedTrainingImages()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("fashion-cnn");
        var objective = TuningObjectives.For(graph, config, graph, NoSamples, 1);
        Assert.IsType<VisionObjective>(objective);
        Assert.Contains("55,000", objective.Description);
        Assert.Contains("horizontal flips", objective.Description);

        double trained = MeanLoss(objective, graph, 3);
        // Equal logits: the smoothed cross-entropy is ln 10 exactly, whatever the smoothing.
        var lastGemm = graph.Nodes.Last(n => n.OpType == "Gemm");
        double uniform = MeanLoss(objective, ZooModels.Zeroed(graph, lastGemm.Inputs.Skip(1).Where(graph.IsInitializer)), 1);
        output.WriteLine($"fashion-cnn: objective {trained:G3}, zero last layer {uniform:G5}");
        Assert.Equal(Math.Log(10), uniform, 4);
        // Label smoothing 0.1 keeps even a perfect classifier's loss near 0.5; a trained one sits a little above.
        Assert.InRange(trained, 0.4, 0.9);
    }

    [Theory]
    [InlineData("control-hasel", typeof(ControlObjective))]
    [InlineData("reasoning-arith", typeof(ReasoningObjective))]
    public void TheConfigsTaskPicksTheObjective(string folder, Type expected)
    {
        var (graph, config, _) = ZooModels.Load(folder);
        Assert.IsType(expected, TuningObjectives.For(graph, config, graph, NoSamples, 1));
    }

    [Fact]
    public void ModelsWithoutAKnownTaskDistil()
    {
        TorchRuntime.Initialize(1);
        var (graph, _, _) = ZooModels.Load("control-msd");
        Assert.IsType<DistillationObjective>(TuningObjectives.For(graph, null, graph, NoSamples, 1));
        Assert.IsType<DistillationObjective>(TuningObjectives.For(graph, new JsonObject { ["task"] = "segmentation" }, graph, NoSamples, 1));
    }

    [Fact]
    public void ControlObjectiveRefusesAGraphWithAnotherWindow()
    {
        var (graph, config, _) = ZooModels.Load("control-msd");
        var (tendon, _, _) = ZooModels.Load("control-tendon");
        var e = Assert.Throws<EdgeToolkitException>(() => TuningObjectives.For(tendon, config, tendon, NoSamples, 1));
        Assert.Contains("7 float features", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    /// <summary>The mean objective loss over `batches` batches of a fixed seed, without gradients.</summary>
    internal static double MeanLoss(ITuningObjective objective, ModelGraph graph, int batches)
    {
        using var module = new GraphModule(graph);
        var rng = new Random(3);
        using var _ = torch.no_grad();
        double sum = 0;
        for (int i = 0; i < batches; i++)
        {
            using var scope = torch.NewDisposeScope();
            sum += objective.Loss(module, rng).item<float>();
        }
        return sum / batches;
    }

    /// <summary>The training runs' windows, regenerated the way ControlTask does (all runs, held-out ones dropped).</summary>
    private static (WindowSet Windows, int[] PerRun) TrainingWindows(string plant, JsonObject config)
    {
        var (setup, _, _) = ControlModelConfig.ReadSetup(config, plant);
        var model = PlantCatalog.Create(plant);
        var runs = RunGenerator.Generate(model, setup.Experiment).Where(r => !r.HeldOut).ToList();
        var layout = setup.LayoutFor(model.Spec);
        return (WindowSet.FromRuns(runs, layout), OpenLoopRollout.WindowsPerRun(runs, layout));
    }

    private static double OneStepStandardisedMse(ModelGraph graph, JsonObject config, WindowSet windows, int count)
    {
        int f = windows.Layout.FeatureCount, m = windows.Layout.OutputCount;
        var yStd = Floats(config["scaling"]!["output_std"]!);
        var rows = Enumerable.Range(0, count).Select(i => i * windows.Count / count).ToArray();
        using var ort = new OrtBackend(graph);
        var predicted = Predict(ort, graph, rows.SelectMany(r => windows.Features.Skip(r * f).Take(f)).ToArray(), f);
        double sum = 0;
        for (int i = 0; i < rows.Length; i++)
            for (int c = 0; c < m; c++)
            {
                double e = (predicted[i * m + c] - windows.Targets[rows[i] * m + c]) / yStd[c];
                sum += e * e;
            }
        return sum / (rows.Length * m);
    }

    private static float[] Predict(OrtBackend ort, ModelGraph graph, float[] batch, int f)
    {
        var cases = Enumerable.Range(0, batch.Length / f).Select(i => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
            { [graph.Inputs[0].Name] = Tensor.FromFloats(new[] { 1, f }, batch.AsSpan(i * f, f).ToArray()) }).ToList();
        return ort.Run(cases).SelectMany(o => o[graph.Outputs[0].Name].Floats).ToArray();
    }

    private static float[] Floats(JsonNode node) => node.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();

    private static void AssertClose(float[] expected, float[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(1e-3, Math.Abs(expected[i])), $"column {i}: {expected[i]} vs {actual[i]}");
    }
}
