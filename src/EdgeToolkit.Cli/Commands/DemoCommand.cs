using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Training;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// The README's main command, end to end on a built-in default: train the mass-spring-damper's
/// forward model with TorchSharp, export it to ONNX, compile it to C, run it on an emulated
/// Cortex-M4 against ONNX Runtime, score held-out runs on the board, and report.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "demo control: train -> C with Jacobian -> control firmware on an emulated Cortex-M4 in closed loop vs PID -> report; demo: a model compiled and checked on the board";
    public string Usage => """
        usage: ./edgetk demo control [--plant msd|tendon|hasel] [--target cortex-m4] [--board B] [-o DIR] [--json]
               ./edgetk demo health [--pmdata PATH] [--retrain] [--days 30] [--board mps2-an386-watch] [-o DIR] [--json]
               ./edgetk demo [--plant msd|tendon|hasel] [--target cortex-m4] [--board B] [-o DIR] [--json]
               ./edgetk demo --model builtin:cnn|builtin:mlp-tanh|builtin:mlp-relu|PATH [--target T]   (compile and verify only)

        demo control: trains the plant's forward model, builds the control firmware (the model compiled to C with
        its Jacobian, the Newton-Raphson controller, the serial protocol), runs it on the emulated board in closed loop
        with the simulated plant on a chirp reference, compares it with the tuned PID on the same plant and noise
        (chirp, steps, steps with faults), and writes DIR/control-PLANT-report.html with the plots (about a minute).

        demo health: takes the health model and its transformer variant (models/health-events, models/health-transformer;
        --retrain trains both from scratch, --pmdata PATH trains on the real PMData files), prunes the MLP to half its
        parameters, quantizes it to int8, scores every model on held-out people against majority and logistic baselines,
        compiles and checks it on the watch board, the host and aarch64, streams a month of a held-out person's days to the
        health firmware on the emulated watch (every prediction checked against the host integer model), senses days on a
        Linux board through the IoT bindings, and writes DIR/health-report.html (a few minutes; --quick: tiny data, for tests).

        Without `control`: trains the forward model of the mass-spring-damper plant (about 10-30 s on one thread) into
        .build/demo/control-msd (or -o DIR), then compiles, verifies and evaluates it on the emulated board.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "model", "plant", "target", "board", "inputs", "output", "pmdata", "days" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "retrain", "quick" };

    public int Run(Args args, Reporter reporter)
    {
        if (args.Positionals.FirstOrDefault() is { } what)
            return what switch
            {
                "control" => Control.DemoControl.Run(args, reporter),
                "health" => Health.DemoHealth.Run(args, reporter),
                _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown demo '{what}'", hint: "use ./edgetk demo control, ./edgetk demo health, or ./edgetk demo"),
            };
        var target = args.Get("target") ?? "cortex-m4";
        var modelOptions = new ModelOptions { Target = target, Board = args.Get("board") };
        var clock = Stopwatch.StartNew();
        string model;
        TrainOutcome? trained = null;
        if (args.Get("model") is { } given)
        {
            model = given;
            reporter.Line($"[bold]EdgeToolkit demo[/]: {Markup.Escape(model)} compiled to C99 and run on an emulated {Markup.Escape(target)}, checked against ONNX Runtime.");
        }
        else
        {
            var plant = args.Get("plant") ?? "msd";
            model = args.Get("output") ?? Path.Combine(EdgeToolkit.Targets.RepoPaths.Root, ".build", "demo", "control-" + plant);
            reporter.Line($"[bold]EdgeToolkit demo[/]: train the forward model of the {Markup.Escape(plant)} plant, compile it to C99, run it on an emulated {Markup.Escape(target)}.");
            trained = Train(plant, model, reporter);
        }

        var source = ModelSource.Load(model);
        var verify = Verification.Run(source, modelOptions, new Verification.Options(Inputs: args.GetInt("inputs", 8)), reporter);
        EvaluationResult? heldOut = null;
        TargetBackend? backend = null;
        if (source.CardPath != null && ModelCard.ReadDataset(source.CardPath) is { } datasetName && ZooRegistry.Datasets.TryGetValue(datasetName, out var dataset))
        {
            reporter.Progress($"scoring held-out data ({dataset.Name}) on {target}");
            backend = new TargetBackend(verify.Compilation, reporter);
            var modelPath = Path.Combine(model, ModelFolder.ModelFile);
            heldOut = dataset.Evaluate(new EvaluationContext { ModelPath = modelPath, Graph = source.Graph, Config = ModelFolder.ReadConfig(modelPath), Backend = backend });
        }

        if (reporter.Json)
        {
            var o = verify.ToJson();
            if (trained != null)
                o["training"] = new JsonObject { ["model"] = trained.ModelPath, ["card"] = trained.CardPath, ["seconds"] = Math.Round(trained.Duration.TotalSeconds, 1) };
            if (heldOut != null && backend != null) o["evaluation"] = EvaluateCommand.ToJson(heldOut, ZooRegistry.Datasets[heldOut.Dataset], backend, true, Array.Empty<string>(), clock.Elapsed);
            reporter.WriteJson(o);
            return verify.Ok ? 0 : 1;
        }
        if (trained != null)
        {
            var t = new Table().Title("1. trained with TorchSharp (one thread, seeded)").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (k, v) in trained.Metrics) t.AddRow(Markup.Escape(k), v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
            t.AddRow("training time", TrainingProgressPrinter.Duration(trained.Duration));
            t.AddRow("model card", Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, trained.CardPath)));
            reporter.Table(t);
        }
        VerifyCommand.Print(verify, reporter);
        var c = verify.Compilation;
        var layers = new Table().Title("kernels (fused where the generator runs several nodes as one loop)").AddColumn("#").AddColumn("kernel").AddColumn("graph nodes").AddColumn(new TableColumn("MACs").RightAligned());
        foreach (var l in c.Code.Layers) layers.AddRow(l.Index.ToString(), Markup.Escape(l.Function), Markup.Escape(string.Join(" + ", l.Nodes)), l.Macs.ToString("N0"));
        reporter.Table(layers);
        if (heldOut != null)
            reporter.Line(Markup.Escape($"held-out {heldOut.Dataset} on {target}: {heldOut.Metric} = {heldOut.Value:G4} over {heldOut.Samples} samples ({heldOut.Note ?? "lower is better"})"));
        reporter.Line("Next: [bold]./edgetk train reasoning[/], [bold]./edgetk evaluate models/reasoning-arith --dataset arithmetic-mul --target cortex-m4[/], [bold]./edgetk verify your.onnx --target cortex-m0[/].");
        return verify.Ok ? 0 : 1;
    }

    public static TrainOutcome Train(string plant, string output, Reporter reporter)
    {
        var task = ZooRegistry.Tasks["control"];
        var progress = new TrainingProgressPrinter();
        TorchRuntime.Initialize(1);
        try
        {
            return task.Train(new TrainContext
            {
                OutputDir = output, Seed = 1, Options = new Dictionary<string, string> { ["plant"] = plant }, Progress = progress,
                Command = $"./edgetk train control --plant {plant} -o {output}",
            });
        }
        finally { progress.Finish(); }
    }
}
