using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Export;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// `edgetk train control --plant msd|tendon|hasel`: simulates the plant's identification runs,
/// trains a tanh MLP forward model window -> y(k+1), folds the scaling into it, exports it and
/// scores it on the held-out runs through ONNX Runtime.
/// </summary>
public sealed class ControlTask : IZooTask
{
    public string Name => "control";
    public string Summary => "forward models y(k+1) = f(past u, past y) of simulated plants (msd, tendon, hasel) for model-predictive control";

    public IReadOnlyList<TrainOption> Options { get; } = new[]
    {
        new TrainOption("plant", "msd", "plant to identify: msd, tendon or hasel"),
        new TrainOption("hidden", "auto", "hidden layer widths, e.g. 32,32 (auto: the plant's default)"),
        new TrainOption("steps", "auto", "Adam steps (auto: the plant's default)"),
        new TrainOption("batch", "256", "batch size (windows, or rollout starts with --rollout-steps > 1)"),
        new TrainOption("lr", "0.003", "initial learning rate (cosine decay to 1/30 of it)"),
        new TrainOption("rollout-steps", "auto", "H: loss on H-step open-loop rollouts (predictions fed back as output lags); 1 = one-step training (auto: the plant's default)"),
        new TrainOption("one-step-weight", "auto", "share of the rollout loss on the first step alone, 0..1 (auto: the plant's default)"),
        new TrainOption("rollout-warmup", "auto", "share of the steps trained one-step before the rollout loss takes over, 0..1 (auto: the plant's default)"),
    };

    public string DefaultOutput(TrainContext context) => $"models/control-{context.Option(this, "plant")}";

    /// <summary>
    /// Per plant (full runs; Quick runs use a tiny network). Tendon and HASEL: rollout fine-tuning of a
    /// one-step model (the last 20% of the steps, 20-step rollouts, half the loss on the first
    /// step) lowers the 20-step error while keeping the one-step fit; rolling out from the start
    /// gave models whose short-horizon command response a controller could not invert
    /// (ClosedLoop/README.md). msd stays one-step: its committed model is already invertible.
    /// </summary>
    public static PlantDefaults Defaults(string plant) => plant switch
    {
        "msd" => new([32, 32], 8000),
        "tendon" => new([32, 32], 10000, RolloutSteps: 20, OneStepWeight: 0.5, RolloutWarmup: 0.8),
        "hasel" => new([32, 32], 10000, RolloutSteps: 20, OneStepWeight: 0.5, RolloutWarmup: 0.8),
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown plant '{plant}'", hint: "use --plant msd, --plant tendon or --plant hasel"),
    };

    /// <summary>What `auto` means for a plant's network and loss options.</summary>
    public sealed record PlantDefaults(int[] Hidden, int Steps, int RolloutSteps = 1, double OneStepWeight = 0, double RolloutWarmup = 0);

    public TrainOutcome Train(TrainContext context)
    {
        var clock = Stopwatch.StartNew();
        string plantName = context.Option(this, "plant");
        var options = ReadOptions(context, plantName);

        TorchRuntime.Initialize(context.Seed);
        var plant = PlantCatalog.Create(plantName);
        var setup = PlantCatalog.Identification(plantName, context.Quick);
        var layout = setup.LayoutFor(plant.Spec);
        context.Progress.Report(new TrainProgress("data", 0, setup.Experiment.Runs, null, null, null, clock.Elapsed));
        var runs = RunGenerator.Generate(plant, setup.Experiment);
        var trainRuns = runs.Where(r => !r.HeldOut).ToList();
        var train = WindowSet.FromRuns(trainRuns, layout);
        var trainWindowsPerRun = OpenLoopRollout.WindowsPerRun(trainRuns, layout);
        var heldOut = ControlHeldOut.Build(plantName, setup);
        context.Progress.Log($"{plantName}: {trainRuns.Count} training runs ({train.Count} windows), " +
            $"{runs.Count(r => r.HeldOut)} held-out runs ({heldOut.Windows.Count} windows), {layout.FeatureCount} features -> {layout.OutputCount} outputs" +
            (options.RolloutSteps > 1 ? $", loss on {options.RolloutSteps}-step rollouts" : ", one-step loss"));

        var (hx, hy) = heldOut.Select(heldOut.SpreadIndices(2000));
        // Multi-step training reports the multi-step error it optimises (300 held-out starts: quick enough every few hundred steps).
        var metric = options.RolloutSteps > 1
            ? new HeldOutMetric(OpenLoopRollout.MetricName, net => heldOut.RolloutScore(OpenLoopRollout.MetricSteps, 300,
                batch => ForwardModelTrainer.Predict(net, batch, layout.FeatureCount)).Max())
            : new HeldOutMetric("nrmse_pct_range", net => heldOut.Score(ForwardModelTrainer.Predict(net, hx, layout.FeatureCount), hy).Max());
        var result = ForwardModelTrainer.Train(train, trainWindowsPerRun, options, context.Progress, metric);
        var trainTime = clock.Elapsed;

        context.Progress.Report(new TrainProgress("export", 0, 1, null, null, null, clock.Elapsed));
        var graph = Export(result, plantName, layout);
        var config = ControlModelConfig.Build(plant.Spec, setup, context.Quick, layout, result, options, context.Seed, new JsonObject());

        // Score the exported graph exactly as `edgetk evaluate` will: every held-out window through ONNX Runtime.
        context.Progress.Report(new TrainProgress("evaluate", 0, 1, null, null, null, clock.Elapsed));
        var (eval, parity) = EvaluateExported(graph, config, context.OutputDir, plantName, result, hx, layout.FeatureCount);

        var metrics = new Dictionary<string, double> { ["nrmse_pct_range"] = eval.Value, ["torch_ort_max_abs_diff"] = parity };
        foreach (var (k, v) in eval.Details) metrics[k] = v;
        metrics["training_seconds"] = Math.Round(trainTime.TotalSeconds, 1);

        // What the rollout loss buys: the one-step model with the same data, network, steps and seed, scored the same way.
        EvaluationResult? baseline = null;
        if (options.RolloutSteps > 1)
        {
            context.Progress.Log("training the one-step baseline (same data, network, steps and seed) for the card's comparison");
            TorchRuntime.Initialize(context.Seed);
            var oneStep = ForwardModelTrainer.Train(train, trainWindowsPerRun, options with { RolloutSteps = 1, OneStepWeight = 0, RolloutWarmup = 0 }, context.Progress);
            var baselineGraph = Export(oneStep, plantName, layout);
            (baseline, _) = EvaluateExported(baselineGraph, config, context.OutputDir, plantName, oneStep, hx, layout.FeatureCount);
            oneStep.Network.Dispose();
            metrics["one_step_baseline_nrmse_pct_range"] = baseline.Value;
            metrics[$"one_step_baseline_{OpenLoopRollout.MetricName}"] = baseline.Details[OpenLoopRollout.MetricName];
        }
        var metricsJson = new JsonObject();
        foreach (var (k, v) in metrics) metricsJson[k] = v;
        config["metrics"] = metricsJson;

        var card = ControlModelCard.Build(plant.Spec, setup, layout, options, eval, baseline, parity, context);
        card.TrainingTime = trainTime;
        context.Progress.Report(new TrainProgress("write", 0, 1, null, null, null, clock.Elapsed));
        var (modelPath, cardPath, _) = ModelFolder.Write(context.OutputDir, graph, card, config);
        result.Network.Dispose();
        return new TrainOutcome(modelPath, cardPath, metrics, clock.Elapsed);
    }

    private ForwardModelOptions ReadOptions(TrainContext context, string plantName)
    {
        var d = Defaults(plantName);
        string Given(string name) => context.Option(this, name);
        var hidden = Given("hidden") is var h && h != "auto" ? ParseHidden(h) : d.Hidden;
        int steps = Given("steps") is var s && s != "auto" ? int.Parse(s, CultureInfo.InvariantCulture) : d.Steps;
        int rolloutSteps = Given("rollout-steps") is var r && r != "auto" ? int.Parse(r, CultureInfo.InvariantCulture) : d.RolloutSteps;
        double oneStepWeight = Given("one-step-weight") is var w && w != "auto" ? double.Parse(w, CultureInfo.InvariantCulture) : d.OneStepWeight;
        double warmup = Given("rollout-warmup") is var u && u != "auto" ? double.Parse(u, CultureInfo.InvariantCulture) : d.RolloutWarmup;
        if (rolloutSteps < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"--rollout-steps {rolloutSteps}: at least 1 step", hint: "1 is one-step training, e.g. 20 for 20-step rollouts");
        foreach (var (name, value) in new[] { ("one-step-weight", oneStepWeight), ("rollout-warmup", warmup) })
            if (value is < 0 or > 1 || double.IsNaN(value))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"--{name} {value}: a share between 0 and 1", hint: $"e.g. --{name} 0.5");
        if (context.Quick) (hidden, steps) = (new[] { 8 }, 300);
        double lr = context.DoubleOption(this, "lr");
        return new ForwardModelOptions(hidden, steps, context.IntOption(this, "batch"), lr, lr / 30, EvaluateEvery: Math.Max(steps / 8, 50),
            rolloutSteps, oneStepWeight, warmup);
    }

    private static ModelGraph Export(ForwardModelTrainer.Result result, string plantName, WindowLayout layout) =>
        TorchExporter.Export(result.Network, $"control_{plantName}", ControlModelConfig.InputName, new long[] { 1, layout.FeatureCount },
            ControlModelConfig.OutputName);

    private static (EvaluationResult Eval, double Parity) EvaluateExported(ModelGraph graph, JsonObject config, string outputDir, string plantName,
        ForwardModelTrainer.Result result, float[] hx, int featureCount)
    {
        var dataset = (IEvaluationDataset)ZooRegistry.Datasets[$"control-{plantName}"];
        using var backend = new OrtBackend(graph);
        var eval = dataset.Evaluate(new EvaluationContext { ModelPath = outputDir, Graph = graph, Config = config, Backend = backend, Limit = int.MaxValue });
        return (eval, TorchOrtParity(result, backend, hx, featureCount));
    }

    private static double TorchOrtParity(ForwardModelTrainer.Result result, OrtBackend backend, float[] x, int f)
    {
        int n = Math.Min(200, x.Length / f);
        var torchOut = ForwardModelTrainer.Predict(result.Network, x[..(n * f)], f);
        var cases = Enumerable.Range(0, n).Select(i => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
            { [ControlModelConfig.InputName] = Tensor.FromFloats(new[] { 1, f }, x.AsSpan(i * f, f).ToArray()) }).ToList();
        var ort = backend.Run(cases).SelectMany(o => o[ControlModelConfig.OutputName].Floats).ToArray();
        double worst = 0;
        for (int i = 0; i < ort.Length; i++) worst = Math.Max(worst, Math.Abs(ort[i] - torchOut[i]));
        return worst;
    }

    private static int[] ParseHidden(string text)
    {
        try { return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray(); }
        catch (FormatException) { throw new EdgeToolkitException(ErrorKind.BadInput, $"--hidden '{text}' is not a list of widths", hint: "e.g. --hidden 32,32"); }
    }
}
