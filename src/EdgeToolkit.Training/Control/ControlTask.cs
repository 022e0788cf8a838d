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
        new TrainOption("batch", "256", "batch size"),
        new TrainOption("lr", "0.003", "initial learning rate (cosine decay to 1/30 of it)"),
    };

    public string DefaultOutput(TrainContext context) => $"models/control-{context.Option(this, "plant")}";

    /// <summary>Hidden widths and steps per plant (full runs); Quick runs use a tiny network.</summary>
    public static (int[] Hidden, int Steps) Defaults(string plant) => plant switch
    {
        "msd" => (new[] { 32, 32 }, 8000),
        "tendon" => (new[] { 32, 32 }, 8000),
        "hasel" => (new[] { 32, 32 }, 8000),
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown plant '{plant}'", hint: "use --plant msd, --plant tendon or --plant hasel"),
    };

    public TrainOutcome Train(TrainContext context)
    {
        var clock = Stopwatch.StartNew();
        string plantName = context.Option(this, "plant");
        var (hidden, steps) = Defaults(plantName);
        if (context.Option(this, "hidden") is var h && h != "auto") hidden = ParseHidden(h);
        if (context.Option(this, "steps") is var s && s != "auto") steps = int.Parse(s, CultureInfo.InvariantCulture);
        if (context.Quick) (hidden, steps) = (new[] { 8 }, 300);
        var options = new ForwardModelOptions(hidden, steps, context.IntOption(this, "batch"), context.DoubleOption(this, "lr"),
            context.DoubleOption(this, "lr") / 30, EvaluateEvery: Math.Max(steps / 8, 50));

        TorchRuntime.Initialize(context.Seed);
        var plant = PlantCatalog.Create(plantName);
        var setup = PlantCatalog.Identification(plantName, context.Quick);
        var layout = setup.LayoutFor(plant.Spec);
        context.Progress.Report(new TrainProgress("data", 0, setup.Experiment.Runs, null, null, null, clock.Elapsed));
        var runs = RunGenerator.Generate(plant, setup.Experiment);
        var train = WindowSet.FromRuns(runs.Where(r => !r.HeldOut), layout);
        var heldOut = ControlHeldOut.Build(plantName, setup);
        context.Progress.Log($"{plantName}: {runs.Count(r => !r.HeldOut)} training runs ({train.Count} windows), " +
            $"{runs.Count(r => r.HeldOut)} held-out runs ({heldOut.Windows.Count} windows), {layout.FeatureCount} features -> {layout.OutputCount} outputs");

        var (hx, hy) = heldOut.Select(heldOut.SpreadIndices(2000));
        var result = ForwardModelTrainer.Train(train, options, context.Progress,
            net => heldOut.Score(ForwardModelTrainer.Predict(net, hx, layout.FeatureCount), hy).Max());
        var trainTime = clock.Elapsed;

        context.Progress.Report(new TrainProgress("export", 0, 1, null, null, null, clock.Elapsed));
        var graph = TorchExporter.Export(result.Network, $"control_{plantName}", ControlModelConfig.InputName, new long[] { 1, layout.FeatureCount },
            ControlModelConfig.OutputName);
        var config = ControlModelConfig.Build(plant.Spec, setup, context.Quick, layout, result, options, context.Seed, new JsonObject());

        // Score the exported graph exactly as `edgetk evaluate` will: every held-out window through ONNX Runtime.
        context.Progress.Report(new TrainProgress("evaluate", 0, 1, null, null, null, clock.Elapsed));
        var dataset = (IEvaluationDataset)ZooRegistry.Datasets[$"control-{plantName}"];
        EvaluationResult eval;
        double parity;
        using (var backend = new OrtBackend(graph))
        {
            eval = dataset.Evaluate(new EvaluationContext { ModelPath = context.OutputDir, Graph = graph, Config = config, Backend = backend, Limit = int.MaxValue });
            parity = TorchOrtParity(result, backend, hx, layout.FeatureCount);
        }

        var metrics = new Dictionary<string, double> { ["nrmse_pct_range"] = eval.Value, ["torch_ort_max_abs_diff"] = parity };
        foreach (var (k, v) in eval.Details) metrics[k] = v;
        var metricsJson = new JsonObject();
        foreach (var (k, v) in metrics) metricsJson[k] = v;
        metricsJson["training_seconds"] = Math.Round(trainTime.TotalSeconds, 1);
        config["metrics"] = metricsJson;

        var card = BuildCard(plant.Spec, setup, layout, options, eval, parity, context);
        card.TrainingTime = trainTime;
        context.Progress.Report(new TrainProgress("write", 0, 1, null, null, null, clock.Elapsed));
        var (modelPath, cardPath, _) = ModelFolder.Write(context.OutputDir, graph, card, config);
        result.Network.Dispose();
        return new TrainOutcome(modelPath, cardPath, metrics, clock.Elapsed);
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

    private static ModelCard BuildCard(EdgeToolkit.Control.Plants.PlantSpec plant, IdentificationSetup setup, WindowLayout layout,
        ForwardModelOptions options, EvaluationResult eval, double parity, TrainContext context)
    {
        var exp = setup.Experiment;
        string inputs = string.Join(", ", plant.Inputs.Select(c => $"{c.Name} [{c.Min:G4}, {c.Max:G4}] {c.Unit}" +
            (double.IsInfinity(c.RatePerSecond) ? "" : $", at most {c.RatePerSecond:G4} {c.Unit}/s")));
        string outputs = string.Join(", ", plant.Outputs.Select(c => $"{c.Name} ({c.Unit}, noise std {c.NoiseStd:G3})"));
        var card = new ModelCard
        {
            Title = $"control-{plant.Name}: forward model of the {plant.Name} plant",
            Summary = $"Predicts the next measurement y(k+1) of the simulated {plant.Description} from a window of past commands and measurements, " +
                "for a Newton-Raphson (neural generalized predictive) controller. The ONNX model maps physical units to physical units: " +
                "the input and output standardisation is folded into the first and last Gemm (and also recorded in config.json, `scaling`)." +
                (context.Quick ? " QUICK RUN (tests only): tiny data and network, figures are not representative." : ""),
            Dataset = $"control-{plant.Name}",
            Metric = "nrmse_pct_range (lower is better)",
            Data = $"Simulated with EdgeToolkit.Control (parameters in src/EdgeToolkit.Control/README.md): control period {plant.Period * 1000:G4} ms, " +
                $"RK4 with {plant.SubSteps} sub-steps per period, input delay {plant.DelayPeriods} period(s), seeded sensor noise. Inputs: {inputs}. Outputs: {outputs}.\n\n" +
                $"{exp.Runs} open-loop runs of {exp.StepsPerRun} periods (data seed {exp.Seed}); excitation by run index cycles chirp, random steps, PRBS, and a mix " +
                $"(segments of the three, half with a PRBS dither), one seeded signal per input channel. Every {exp.HeldOutEvery}th run " +
                $"({string.Join(", ", Enumerable.Range(0, exp.Runs).Where(exp.IsHeldOut))}) is held out whole: held-out runs, not shuffled samples. " +
                $"Windows: {layout.FeatureCount} features = commands u(k-{layout.InputDelay})..u(k-{layout.InputDelay + layout.InputLags - 1}) ({layout.InputCount} each) then measurements y(k)..y(k-{layout.OutputLags - 1}) " +
                $"({layout.OutputCount} each); target y(k+1). The exact order is `window.features` in config.json. The plant's input delay is {plant.DelayPeriods} period(s), so the window starts at " +
                $"u(k-{layout.InputDelay}): later commands cannot reach y(k+1) and are left out instead of being learned as spurious inputs. A controller choosing u(k) rolls the model out {layout.InputDelay + 1} step(s) to reach y(k+{layout.InputDelay + 1}).",
            Architecture = $"MLP {layout.FeatureCount} -> {string.Join(" -> ", options.Hidden.Select(h => $"{h} (tanh)"))} -> {layout.OutputCount}, " +
                $"input `{ControlModelConfig.InputName}` [1, {layout.FeatureCount}], output `{ControlModelConfig.OutputName}` [1, {layout.OutputCount}], float32. " +
                $"Adam, {options.Steps} steps of batch {options.BatchSize}, learning rate {options.LearningRate:G3} with cosine decay to {options.FinalLearningRate:G3}, MSE on standardised targets, seed {context.Seed}. " +
                $"Exported with TorchExporter (Gemm/Tanh); ONNX Runtime matches TorchSharp within {parity:G2} (max abs, 200 held-out windows).",
            RetrainCommand = context.Command.Length > 0 ? context.Command : $"./edgetk train control --plant {plant.Name} -o models/control-{plant.Name}",
        };
        string How(string what) => $"{what}, {eval.Samples} held-out windows, ONNX Runtime";
        card.AddMetric("nrmse_pct_range (worst output)", eval.Value, How("RMSE / (max - min on held-out runs) x 100"), "F3");
        foreach (var c in plant.Outputs)
        {
            card.AddMetric($"nrmse_pct_range {c.Name}", eval.Details[$"nrmse_pct_range_{c.Name}"], How($"range {eval.Details[$"range_{c.Name}"]:G4} {c.Unit}"), "F3");
            card.AddMetric($"noise floor {c.Name}", eval.Details[$"noise_floor_pct_range_{c.Name}"], $"sensor noise std {c.NoiseStd:G3} {c.Unit} / range x 100: the error of a perfect one-step predictor", "F3");
        }
        card.AddMetric("persistence baseline (worst output)", eval.Details["persistence_nrmse_pct_range"], How("y(k+1) = y(k), same metric"), "F3");
        double target = plant.Name == "msd" ? 1 : 3;
        var sb = new StringBuilder();
        sb.AppendLine($"Target: nrmse_pct_range <= {target}% on held-out runs: {(eval.Value <= target ? "met" : "NOT met")} ({eval.Value:F3}%).");
        sb.AppendLine("The persistence baseline shows how much of the figure the model earns (at this control period y(k+1) is close to y(k)); the noise floor is what sensor noise on y(k+1) alone costs.");
        sb.AppendLine($"Re-check: `./edgetk evaluate models/control-{plant.Name} --dataset control-{plant.Name}` (2,000 windows spread over the held-out runs on ort/host, 200 on MCU targets).");
        card.Sections.Add(("Target", sb.ToString()));
        return card;
    }
}
