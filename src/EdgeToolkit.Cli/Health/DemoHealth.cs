using System.Diagnostics;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Health;

/// <summary>
/// `demo health`, end to end: the health model (and its transformer variant) trained or taken from models/, pruned,
/// quantized, scored on held-out people against the baselines, compiled and checked on the watch board, the host and
/// aarch64, streamed a month of a held-out person's days in the wearable firmware on the emulated watch, sensed on a
/// Linux board through the IoT bindings, and reported as a table, JSON and an HTML page with plots.
/// </summary>
public static class DemoHealth
{
    public static int Run(Args args, Reporter reporter)
    {
        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(args.Get("output") ?? Path.Combine(RepoPaths.Root, ".build", "demo"));
        var pmdata = args.Get("pmdata");
        if (pmdata != null && !Directory.Exists(pmdata))
            throw new EdgeToolkitException(ErrorKind.BadInput, "the PMData folder does not exist", file: pmdata, hint: "give the folder that holds p01 ... p16");
        var o = new HealthDemoOptions(Path.Combine(root, "health"), pmdata != null ? Path.GetFullPath(pmdata) : null, args.Flag("retrain"), args.Flag("quick"),
            args.Get("board") ?? HealthDemoOptions.DefaultBoard, args.GetInt("days", 30));
        if (o.Days < 1) throw Args.Usage("--days takes a positive number of days");
        var board = BoardCatalog.FromRepository().Get(o.Board);
        if (board.Core != "cortex-m4")
            throw new EdgeToolkitException(ErrorKind.BadInput, $"board '{board.Name}' has a {board.Core}; the wearable build targets a Cortex-M4",
                hint: $"use --board {HealthDemoOptions.DefaultBoard} (a watch-class part) or another cortex-m4 board");
        reporter.Line("[bold]EdgeToolkit health demo[/]: next-day stress, readiness and sleep quality from a week of wrist data, on a watch-class Cortex-M4 and a phone.");

        reporter.Progress(o.Trains ? "1/6 training the MLP and the transformer, pruning, quantizing" : "1/6 models: pruning and quantizing the shipped health models");
        var models = HealthModels.Prepare(o, reporter);
        var config = ModelFolder.ReadConfig(Path.Combine(models.Mlp, ModelFolder.ModelFile));
        var data = HealthDataSpec.FromJson(config?["data"]?.AsObject()).Load();

        reporter.Progress($"2/6 held-out accuracy: {data.Test.Count} windows of {data.Split.Test.Count} people never seen in training");
        var accuracy = HealthScoring.Run(data, models, reporter);

        reporter.Progress($"3/6 cost per prediction: the watch board ({board.Name}), the host, aarch64 and ONNX Runtime");
        var costs = HealthCosts.Measure(models, data.Test, board, reporter);
        var phone = PhoneBuild.Write(models.Int8, o.Output, reporter);

        reporter.Progress($"4/6 the wearable firmware on the emulated {board.Name}: a month of a held-out person, day by day over the serial protocol");
        var month = HealthMonth.Run(o, data, models.Int8, board, reporter);

        reporter.Progress("5/6 the Linux board: accelerometer and pulse sensor through Iot.Device.Bindings (simulated chips), day features, ONNX Runtime");
        var linux = HealthOnLinuxBoard.Run(o, data, models.Int8, month, reporter);

        reporter.Progress("6/6 report and plots");
        var summary = new HealthSummary(o, data, models, accuracy, costs, phone, month, linux, clock.Elapsed);
        var reportPath = Path.Combine(root, "health-report.html");
        HealthReport.Write(reportPath, summary);

        if (reporter.Json)
        {
            reporter.WriteJson(HealthJson.Of(summary, reportPath));
            return summary.Ok ? 0 : 1;
        }
        HealthTables.Print(summary, reporter);
        reporter.Line(Markup.Escape($"report with plots: {Path.GetRelativePath(Environment.CurrentDirectory, reportPath)} ({clock.Elapsed.TotalSeconds:0} s in all)"));
        reporter.Line("Next: [bold]./edgetk firmware build --app health --model .build/demo/health/mlp-pruned-int8 --board mps2-an386-watch -o fw/[/], " +
                      "[bold]./edgetk demo health --retrain[/], [bold]./edgetk demo health --pmdata PATH[/].");
        return summary.Ok ? 0 : 1;
    }
}
