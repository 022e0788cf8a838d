using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pruning;
using EdgeToolkit.Onnx;
using EdgeToolkit.Pruning.Schedules;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Tuning.Objectives;
using EdgeToolkit.Training.Zoo;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// `benchmark --prune`: each zoo model pruned to the same parameter budget by the adaptive
/// schedule and by uniform L1, with the same fine-tuning steps and seed, measured the same way
/// (held-out metric in ONNX Runtime, instructions and flash on the emulated board). The pruned
/// models are kept under .build/prune-benchmark for a closer look.
/// </summary>
public static class PruneBenchmark
{
    /// <summary>Decides between two reasoning models whose exact match ties (both 100% on addition, say).</summary>
    private const string HeldOutLoss = "held-out answer-token loss (200 problems per operation)";

    public static readonly string[] DefaultModels = { "models/control-msd", "models/health-events", "models/fashion-cnn", "models/reasoning-arith" };

    /// <summary>Further data sets scored for a model family (the reasoning card's metric is addition; subtraction and products count too).</summary>
    private static IReadOnlyList<string> ExtraDatasets(JsonObject? config) =>
        config?["task"]?.GetValue<string>() == "reasoning" ? new[] { "arithmetic-sub", "arithmetic-mul" } : Array.Empty<string>();

    /// <param name="seeds">Runs per method (seeds 1..N): the metric is their mean; sizes are measured on seed 1.</param>
    public static int Run(IReadOnlyList<string> models, double keep, int? fixedSteps, int? limit, string target, int seeds, Reporter reporter)
    {
        var rows = new JsonArray();
        var table = new Table().Title(Markup.Escape($"structured pruning to {keep:0.##} of the parameters: adaptive vs uniform L1 (same budget, same fine-tuning steps, same seed)"))
            .AddColumn("model").AddColumn(new TableColumn("steps").RightAligned()).AddColumn("metric").AddColumn(new TableColumn("unpruned").RightAligned())
            .AddColumn(new TableColumn("adaptive").RightAligned()).AddColumn(new TableColumn("uniform L1").RightAligned())
            .AddColumn(new TableColumn("params a / l1").RightAligned()).AddColumn(new TableColumn($"instr. {target} a / l1").RightAligned())
            .AddColumn(new TableColumn("flash a / l1").RightAligned()).AddColumn("better");
        int adaptiveWins = 0;
        foreach (var model in models)
        {
            var runs = new Dictionary<PruneMethod, (PruneReport Report, IReadOnlyDictionary<string, double> Extra, double[] Metrics)>();
            foreach (var method in new[] { PruneMethod.Adaptive, PruneMethod.L1 })
            {
                PruneReport? first = null;
                IReadOnlyDictionary<string, double>? extra = null;
                var metrics = new List<double>();
                for (int seed = 1; seed <= seeds; seed++)
                {
                    var output = Path.Combine(".build", "prune-benchmark", $"{Path.GetFileName(model.TrimEnd('/'))}-{PruneCommand.MethodName(method)}-seed{seed}");
                    reporter.Progress($"benchmark --prune: {model}, {PruneCommand.MethodName(method)}, seed {seed}");
                    var report = PruneRun.Execute(new PruneRequest
                    {
                        Model = model, Output = output, Keep = keep, Method = method, FineTuneSteps = fixedSteps, Limit = limit, Target = target, Seed = seed,
                        Build = seed == 1,   // sizes do not depend on the seed's luck as much as the metric does; measure them once
                    }, reporter);
                    first ??= report;
                    extra ??= Extra(output, limit, reporter);
                    if (report.After.Metric is double m) metrics.Add(m);
                }
                runs[method] = (first!, extra!, metrics.ToArray());
            }
            var (a, l) = (runs[PruneMethod.Adaptive].Report, runs[PruneMethod.L1].Report);
            int steps = a.FineTuneSteps;
            var d = a.Dataset;
            double? Mean(PruneMethod m) => runs[m].Metrics.Length > 0 ? runs[m].Metrics.Average() : null;
            bool better = d != null && Mean(PruneMethod.Adaptive) is double am && Mean(PruneMethod.L1) is double lm
                && (am != lm ? (d.HigherIsBetter ? am > lm : am < lm)
                    // A saturated metric (exact match 1.0 for both) decides nothing; the held-out loss still does.
                    : runs[PruneMethod.Adaptive].Extra.TryGetValue(HeldOutLoss, out var al) && runs[PruneMethod.L1].Extra.TryGetValue(HeldOutLoss, out var ll) && al < ll);
            if (better) adaptiveWins++;
            string F(double? v) => v?.ToString("G4", CultureInfo.InvariantCulture) ?? "-";
            string Spread(double[] v) => v.Length switch
            {
                0 => "-",
                1 => F(v[0]),
                _ => $"{F(v.Average())} ({F(v.Min())}..{F(v.Max())})",
            };
            string Pct(long? b, long? x) => b is long bb && x is long xx && bb > 0 ? ((double)xx / bb - 1).ToString("+0%;-0%", CultureInfo.InvariantCulture) : "-";
            table.AddRow(Markup.Escape(Path.GetFileName(model.TrimEnd('/'))), steps.ToString(CultureInfo.InvariantCulture), Markup.Escape(d?.Metric ?? "-"), F(a.Before.Metric), Spread(runs[PruneMethod.Adaptive].Metrics), Spread(runs[PruneMethod.L1].Metrics),
                $"{a.After.Parameters:N0} / {l.After.Parameters:N0}", $"{Pct(a.Before.Instructions, a.After.Instructions)} / {Pct(l.Before.Instructions, l.After.Instructions)}",
                $"{Pct(a.Before.FlashBytes, a.After.FlashBytes)} / {Pct(l.Before.FlashBytes, l.After.FlashBytes)}", better ? "adaptive" : "l1");
            var baseline = Extra(model, limit, reporter);
            foreach (var (name, value) in runs[PruneMethod.Adaptive].Extra)
                table.AddRow("", "", Markup.Escape(name), F(baseline.GetValueOrDefault(name, double.NaN)), F(value), F(runs[PruneMethod.L1].Extra.GetValueOrDefault(name, double.NaN)), "", "", "", "");
            rows.Add(new JsonObject
            {
                ["model"] = model, ["finetune_steps"] = steps, ["seeds"] = seeds,
                ["adaptive_metric_per_seed"] = new JsonArray(runs[PruneMethod.Adaptive].Metrics.Select(v => (JsonNode)v).ToArray()),
                ["l1_metric_per_seed"] = new JsonArray(runs[PruneMethod.L1].Metrics.Select(v => (JsonNode)v).ToArray()),
                ["adaptive"] = a.ToJson(true), ["l1"] = l.ToJson(true), ["adaptive_better"] = better,
                ["extra_metrics_unpruned"] = new JsonObject(baseline.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
                ["extra_metrics"] = new JsonObject(runs.Select(kv => KeyValuePair.Create(PruneCommand.MethodName(kv.Key),
                    (JsonNode?)new JsonObject(kv.Value.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))))))),
            });
        }
        if (reporter.Json)
            reporter.WriteJson(new JsonObject { ["keep"] = keep, ["target"] = target, ["adaptive_wins"] = adaptiveWins, ["models"] = rows });
        else
        {
            reporter.Table(table);
            reporter.Line(Markup.Escape($"adaptive better on {adaptiveWins} of {models.Count} models; pruned models in .build/prune-benchmark/"));
        }
        return 0;
    }

    private static IReadOnlyDictionary<string, double> Extra(string folder, int? limit, Reporter reporter)
    {
        var modelPath = Path.Combine(folder, ModelFolder.ModelFile);
        var config = ModelFolder.ReadConfig(modelPath);
        var result = new Dictionary<string, double>();
        var extra = ExtraDatasets(config);
        if (extra.Count == 0) return result;
        var graph = OnnxImporter.Load(modelPath);
        reporter.Progress($"held-out loss of {folder}");
        using (var module = new GraphModule(graph))
            result[HeldOutLoss] = new ReasoningObjective(config!, 1).HeldOutLoss(module, 200);
        foreach (var name in extra)
        {
            var dataset = ZooRegistry.Datasets[name];
            reporter.Progress($"scoring {folder} on {name}");
            using var backend = new OrtBackend(graph, File.ReadAllBytes(modelPath));
            result[$"{dataset.Metric} ({name})"] = dataset.Evaluate(new EvaluationContext { ModelPath = modelPath, Graph = graph, Config = config, Backend = backend, Limit = limit }).Value;
        }
        return result;
    }
}
