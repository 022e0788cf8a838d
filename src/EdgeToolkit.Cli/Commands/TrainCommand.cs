using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Training;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "train a zoo model with TorchSharp (control, health, reasoning, vision) and write model.onnx + card.md";
    public string Usage => $"""
        usage: ./edgetk train TASK [-o DIR] [--seed S] [--quick] [task options] [--json]

        Trains on one CPU thread, seeded: the same command gives the same model. Progress (loss,
        metric, ETA) goes to stderr; the result is a model folder: model.onnx, card.md (data,
        architecture, size, metrics, training time, retrain command) and config.json.
        --quick: a short run that checks every stage in seconds (its metrics are not the card's).

        Tasks and their options (defaults in brackets):
        {string.Join("\n", ZooRegistry.Tasks.Values.Select(TaskHelp))}
        """;

    private static string TaskHelp(IZooTask t) =>
        $"  {t.Name,-10} {t.Summary}\n" + string.Join("", t.Options.Select(o => $"      --{o.Name} [{o.Default}]  {o.Help}\n"));

    public IReadOnlySet<string> ValueOptions { get; } =
        ZooRegistry.Tasks.Values.SelectMany(t => t.Options.Select(o => o.Name)).Concat(new[] { "output", "seed" }).ToHashSet();
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "quick" };

    public int Run(Args args, Reporter reporter)
    {
        var taskName = args.Positional(0, "TASK (one of: " + string.Join(", ", ZooRegistry.Tasks.Keys) + ")");
        if (!ZooRegistry.Tasks.TryGetValue(taskName, out var task))
            throw Args.Usage($"unknown training task '{taskName}'", $"tasks: {string.Join(", ", ZooRegistry.Tasks.Keys)}");
        var foreign = ValueOptions.Except(task.Options.Select(o => o.Name)).Except(new[] { "output", "seed" }).Where(o => args.Get(o) != null).ToList();
        if (foreign.Count > 0)
            throw Args.Usage($"option --{foreign[0]} does not apply to '{taskName}'", $"options of {taskName}: {string.Join(" ", task.Options.Select(o => "--" + o.Name))}");

        var options = task.Options.Where(o => args.Get(o.Name) != null).ToDictionary(o => o.Name, o => args.Get(o.Name)!);
        var seed = args.GetInt("seed", 1);
        var progress = new TrainingProgressPrinter();
        var probe = new TrainContext { OutputDir = "", Seed = seed, Options = options };
        var output = args.Get("output") ?? Path.Combine(RepoRoot(), task.DefaultOutput(probe));
        var context = new TrainContext
        {
            OutputDir = output, Seed = seed, Options = options, Quick = args.Flag("quick"), Progress = progress,
            Command = RetrainCommand(task, args, output, seed),
        };
        reporter.Progress($"training '{task.Name}' -> {output}{(context.Quick ? " (quick run)" : "")}");
        TorchRuntime.Initialize(seed);
        var clock = Stopwatch.StartNew();
        TrainOutcome outcome;
        try { outcome = task.Train(context); }
        finally { progress.Finish(); }

        if (reporter.Json)
        {
            var metrics = new JsonObject();
            foreach (var (k, v) in outcome.Metrics) metrics[k] = v;
            reporter.WriteJson(new JsonObject
            {
                ["ok"] = true, ["task"] = task.Name, ["output"] = output, ["model"] = outcome.ModelPath, ["card"] = outcome.CardPath,
                ["quick"] = context.Quick, ["seed"] = seed, ["seconds"] = Math.Round(outcome.Duration.TotalSeconds, 1), ["metrics"] = metrics,
            });
        }
        else
        {
            var t = new Table().Title($"trained {Markup.Escape(task.Name)} in {TrainingProgressPrinter.Duration(clock.Elapsed)}").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (k, v) in outcome.Metrics) t.AddRow(Markup.Escape(k), v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
            reporter.Table(t);
            reporter.Line($"model: {Markup.Escape(outcome.ModelPath)}");
            reporter.Line($"card:  {Markup.Escape(outcome.CardPath)}");
        }
        return 0;
    }

    private static string RetrainCommand(IZooTask task, Args args, string output, int seed)
    {
        var root = RepoRoot();
        var rel = Path.GetRelativePath(root, Path.GetFullPath(output));
        var parts = new List<string> { "./edgetk", "train", task.Name };
        foreach (var o in task.Options) if (args.Get(o.Name) is { } v) parts.Add($"--{o.Name} {v}");
        if (seed != 1) parts.Add($"--seed {seed}");
        if (args.Flag("quick")) parts.Add("--quick");
        parts.Add($"-o {(rel.StartsWith("..") ? output : rel)}");
        return string.Join(" ", parts);
    }

    private static string RepoRoot() => EdgeToolkit.Targets.RepoPaths.Root;
}
