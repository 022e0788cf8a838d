using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";
    public string Summary => "score a model on a built-in held-out data set, in ONNX Runtime or as generated C on a target";
    public string Usage => $"""
        usage: ./edgetk evaluate PATH [--dataset NAME] [--target ort|host|aarch64|cortex-m0..m33] [--board B]
                                 [--limit N] [--min X | --max X] [--json]

        PATH: a model folder of the zoo (its card names the data set) or an .onnx file with --dataset.
        --target ort (default) runs ONNX Runtime; any other target compiles the model to C and runs
        the samples there (boards are emulated; batches of samples per emulator run).
        --limit N scores the first N held-out samples (defaults: the whole set on ort/host, fewer on emulated boards).
        --min X / --max X: exit 1 when the metric is below / above X.

        Data sets:
        {string.Join("\n", ZooRegistry.Datasets.Values.Select(d => $"  {d.Name,-16} {d.Metric,-16} {d.Summary}"))}
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "dataset", "target", "board", "limit", "min", "max", "name" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "fast" };

    public int Run(Args args, Reporter reporter)
    {
        var source = ModelSource.Load(args.Positional(0, "model PATH"));
        var modelPath = Directory.Exists(source.Display) ? Path.Combine(source.Display, ModelFolder.ModelFile) : source.Display;
        var datasetName = args.Get("dataset") ?? (source.CardPath != null ? ModelCard.ReadDataset(source.CardPath) : null)
            ?? throw Args.Usage("no data set given and the model has no card naming one", "add --dataset NAME (./edgetk help evaluate lists them)");
        if (!ZooRegistry.Datasets.TryGetValue(datasetName, out var dataset))
            throw Args.Usage($"unknown data set '{datasetName}'", $"data sets: {string.Join(", ", ZooRegistry.Datasets.Keys)}");
        var target = args.Get("target") ?? "ort";
        int? limit = args.Get("limit") != null ? args.GetInt("limit", 0) : null;
        if (limit is <= 0) throw Args.Usage("--limit takes a positive number of samples");

        using var backend = CreateBackend(source, target, args, reporter);
        var progress = new TrainingProgressPrinter();
        reporter.Progress($"evaluating {source.Display} on {dataset.Name} ({dataset.Metric}) with {target}");
        var clock = Stopwatch.StartNew();
        EvaluationResult result;
        try
        {
            result = dataset.Evaluate(new EvaluationContext
            {
                ModelPath = modelPath, Graph = source.Graph, Config = ModelFolder.ReadConfig(modelPath), Backend = backend.Value,
                Limit = limit, Progress = progress,
            });
        }
        finally { progress.Finish(); }

        bool ok = true;
        var problems = new List<string>();
        if (args.Get("min") != null && result.Value < args.GetDouble("min", 0)) { ok = false; problems.Add($"{result.Metric} {result.Value:G4} is below --min {args.Get("min")}"); }
        if (args.Get("max") != null && result.Value > args.GetDouble("max", 0)) { ok = false; problems.Add($"{result.Metric} {result.Value:G4} is above --max {args.Get("max")}"); }

        if (reporter.Json) reporter.WriteJson(ToJson(result, dataset, backend.Value, ok, problems, clock.Elapsed));
        else Print(result, dataset, backend.Value, problems, clock.Elapsed, reporter);
        return ok ? 0 : 1;
    }

    private static DisposableBackend CreateBackend(ModelSource source, string target, Args args, Reporter reporter)
    {
        if (target == "ort")
        {
            if (args.Get("board") != null) throw Args.Usage("--board applies to emulated targets, not to ort");
            var ort = new OrtBackend(source.Graph, source.OnnxBytes);
            return new DisposableBackend(ort, ort);
        }
        var compilation = Compiler.Compile(source, new ModelOptions { Target = target, Board = args.Get("board"), Name = args.Get("name"), FastMath = args.Flag("fast") }, reporter);
        return new DisposableBackend(new TargetBackend(compilation, reporter), null);
    }

    private sealed record DisposableBackend(IInferenceBackend Value, IDisposable? Owned) : IDisposable
    {
        public void Dispose() => Owned?.Dispose();
    }

    public static JsonObject ToJson(EvaluationResult r, IEvaluationDataset d, IInferenceBackend backend, bool ok, IReadOnlyList<string> problems, TimeSpan elapsed)
    {
        var details = new JsonObject();
        foreach (var (k, v) in r.Details) details[k] = v;
        var figures = new JsonObject();
        foreach (var (k, v) in backend.Figures) figures[k] = v;
        return new JsonObject
        {
            ["ok"] = ok, ["dataset"] = r.Dataset, ["metric"] = r.Metric, ["value"] = r.Value, ["higher_is_better"] = d.HigherIsBetter,
            ["samples"] = r.Samples, ["target"] = backend.Target, ["board"] = backend.Board, ["details"] = details, ["figures"] = figures,
            ["note"] = r.Note, ["problems"] = new JsonArray(problems.Select(p => (JsonNode)p).ToArray()),
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 1),
        };
    }

    private static void Print(EvaluationResult r, IEvaluationDataset d, IInferenceBackend backend, IReadOnlyList<string> problems, TimeSpan elapsed, Reporter reporter)
    {
        var where = backend.Target == "ort" ? "ONNX Runtime" : backend.Target + (backend.Board != null ? $" ({backend.Board}, emulated)" : "");
        var t = new Table().Title(Markup.Escape($"{r.Dataset} on {where}: {r.Metric} {r.Value.ToString("G4", CultureInfo.InvariantCulture)} over {r.Samples:N0} samples"))
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        t.AddRow(Markup.Escape(r.Metric), r.Value.ToString("G4", CultureInfo.InvariantCulture) + (d.HigherIsBetter ? " (higher is better)" : " (lower is better)"));
        foreach (var (k, v) in r.Details) t.AddRow(Markup.Escape(k), v.ToString("G4", CultureInfo.InvariantCulture));
        foreach (var (k, v) in backend.Figures) t.AddRow(Markup.Escape(k), v.ToString("N0", CultureInfo.InvariantCulture));
        t.AddRow("time", TrainingProgressPrinter.Duration(elapsed));
        reporter.Table(t);
        if (r.Note != null) reporter.Line(Markup.Escape(r.Note));
        foreach (var p in problems) reporter.Line($"[red]{Markup.Escape(p)}[/]");
    }
}
