using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Pruning.Schedules;
using EdgeToolkit.Quantization.Search;
using EdgeToolkit.Training.Evaluation;
using Spectre.Console;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>What `prune` prints: figures before and after, the groups' widths, the schedule's steps, and notes.</summary>
public sealed class PruneReport
{
    public required string Model { get; init; }
    public required string Output { get; init; }
    public required string Method { get; init; }
    public required double Keep { get; init; }
    public required string Target { get; init; }
    public string? Board { get; init; }
    public required ModelFigures Before { get; init; }
    public required ModelFigures After { get; init; }
    public IEvaluationDataset? Dataset { get; init; }
    public int RoundTo { get; init; }
    public int FineTuneSteps { get; init; }
    public string? Objective { get; init; }
    public string? ChannelRanking { get; init; }
    public IReadOnlyList<GroupWidth> Widths { get; init; } = Array.Empty<GroupWidth>();
    public IReadOnlyList<PruneStep> Steps { get; init; } = Array.Empty<PruneStep>();
    public List<string> Notes { get; } = new();
    /// <summary>Unstructured only: non-zero Gemm/MatMul/Conv weights before and after masking.</summary>
    public (long Before, long After)? NonZeroWeights { get; init; }
    public List<string> Problems { get; } = new();
    public double Seconds { get; set; }

    public static PruneReport Structured(string model, string output, PruneOptions o, string target, string? board, ModelFigures before, ModelFigures after,
        PruneOutcome outcome, IEvaluationDataset? dataset, string objective, string ranking)
    {
        var r = new PruneReport
        {
            Model = model, Output = output, Method = PruneCommand.MethodName(o.Method), Keep = o.Keep, Target = target, Board = board, Before = before, After = after,
            Dataset = dataset, RoundTo = o.RoundTo, FineTuneSteps = o.FineTuneSteps, Objective = objective, ChannelRanking = ranking,
            Widths = outcome.Widths, Steps = outcome.Steps,
        };
        r.Notes.AddRange(outcome.Notes);
        if (dataset == null) r.Notes.Add("no metric: the model has no card naming a data set; add --dataset NAME to score it before and after");
        if (before.Instructions == null) r.Notes.Add($"instructions are measured on emulated Cortex-M boards only (target {target})");
        return r;
    }

    public static PruneReport Unstructured(string model, string output, double keep, string target, string? board, ModelFigures before, ModelFigures after,
        UnstructuredSparsity.Result masked, IEvaluationDataset? dataset)
    {
        var r = new PruneReport
        {
            Model = model, Output = output, Method = "unstructured", Keep = keep, Target = target, Board = board, Before = before, After = after, Dataset = dataset,
            NonZeroWeights = (masked.NonZeroBefore, masked.NonZeroAfter),
        };
        r.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"unstructured masking: {masked.NonZeroAfter:N0} of {masked.Weights:N0} Gemm/MatMul/Conv weights are non-zero ({masked.NonZeroBefore:N0} before), but every tensor keeps its shape"));
        r.Notes.Add("masks alone save nothing without sparse kernels: the generated C stores and multiplies every zero, so flash, arena and instructions are what the table measures, not what the zero count suggests; use structured pruning (without --unstructured) to shrink the model");
        r.Notes.Add("no fine-tuning: the masked weights are not retrained");
        return r;
    }

    public bool CheckDrop(double? maxDrop)
    {
        if (maxDrop is not double max || Dataset == null || Before.Metric is not double b || After.Metric is not double a) return Problems.Count == 0;
        var budget = new AccuracyBudget(max, Dataset.HigherIsBetter);
        if (!budget.Within(b, a)) Problems.Add($"{Dataset.Metric} went from {b:G4} to {a:G4}: more than --max-drop {max.ToString(CultureInfo.InvariantCulture)} ({budget.Describe().Replace("float", "unpruned")})");
        return Problems.Count == 0;
    }

    public JsonObject ToJson(bool ok)
    {
        var o = new JsonObject
        {
            ["ok"] = ok, ["model"] = Model, ["output"] = Output, ["method"] = Method, ["keep"] = Keep, ["target"] = Target, ["board"] = Board ?? After.Board,
            ["params_before"] = Before.Parameters, ["params_after"] = After.Parameters,
            ["macs_before"] = Before.Macs, ["macs_after"] = After.Macs,
            ["flash_before"] = Before.FlashBytes, ["flash_after"] = After.FlashBytes,
            ["weight_bytes_before"] = Before.WeightBytes, ["weight_bytes_after"] = After.WeightBytes,
            ["arena_before"] = Before.ArenaBytes, ["arena_after"] = After.ArenaBytes,
            ["instructions_before"] = Before.Instructions, ["instructions_after"] = After.Instructions,
            ["metric"] = Dataset?.Metric, ["dataset"] = Dataset?.Name, ["higher_is_better"] = Dataset?.HigherIsBetter,
            ["metric_before"] = Before.Metric, ["metric_after"] = After.Metric, ["metric_samples"] = After.MetricSamples,
            ["verified_against_ort"] = After.VerifiedAgainstOrt,
        };
        if (NonZeroWeights is { } nz) { o["nonzero_weights_before"] = nz.Before; o["nonzero_weights_after"] = nz.After; }
        if (Method != "unstructured")
        {
            o["round_to"] = RoundTo;
            o["finetune_steps"] = FineTuneSteps;
            o["objective"] = Objective;
            o["channel_ranking"] = ChannelRanking;
            o["groups"] = new JsonArray(Widths.Select(w => (JsonNode)new JsonObject
            {
                ["group"] = w.Group, ["kind"] = w.Kind, ["units_before"] = w.UnitsBefore, ["units_after"] = w.UnitsAfter,
                ["channels_before"] = w.UnitsBefore * w.UnitSize, ["channels_after"] = w.UnitsAfter * w.UnitSize, ["not_pruned_because"] = w.NotPrunedBecause,
            }).ToArray());
            o["steps"] = new JsonArray(Steps.Select(s => (JsonNode)new JsonObject
            {
                ["step"] = s.Index, ["target_params"] = s.Target, ["params"] = s.Parameters, ["finetune_steps"] = s.FineTuneSteps,
                ["layer_damage"] = s.LayerImportance == null ? null : new JsonObject(s.LayerImportance.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            }).ToArray());
        }
        o["notes"] = new JsonArray(Notes.Select(n => (JsonNode)n).ToArray());
        o["problems"] = new JsonArray(Problems.Select(n => (JsonNode)n).ToArray());
        o["seconds"] = Math.Round(Seconds, 1);
        return o;
    }

    /// <summary>The before/after rows, shared by the terminal table and the card.</summary>
    private IEnumerable<(string Figure, string Before, string After, string Change)> Rows()
    {
        static string N(long? v) => v is long x ? x.ToString("N0", CultureInfo.InvariantCulture) : "-";
        static string Ratio(long? b, long? a) => b is long x && a is long y && x > 0 ? ((double)y / x - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "";
        yield return ("parameters", N(Before.Parameters), N(After.Parameters), Ratio(Before.Parameters, After.Parameters));
        yield return ("MACs per inference", N(Before.Macs), N(After.Macs), Ratio(Before.Macs, After.Macs));
        yield return ($"flash on {Target} (B)", N(Before.FlashBytes), N(After.FlashBytes), Ratio(Before.FlashBytes, After.FlashBytes));
        yield return ("weights in C (B)", N(Before.WeightBytes), N(After.WeightBytes), Ratio(Before.WeightBytes, After.WeightBytes));
        yield return ("activation arena (B)", N(Before.ArenaBytes), N(After.ArenaBytes), Ratio(Before.ArenaBytes, After.ArenaBytes));
        yield return ($"instructions per inference ({Target})", N(Before.Instructions), N(After.Instructions), Ratio(Before.Instructions, After.Instructions));
        if (Dataset != null && Before.Metric is double b && After.Metric is double a)
            yield return ($"{Dataset.Metric} ({Dataset.Name}, {After.MetricSamples:N0} samples)", b.ToString("G4", CultureInfo.InvariantCulture),
                a.ToString("G4", CultureInfo.InvariantCulture), (a - b).ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture));
    }

    public void Print(Reporter reporter, bool ok)
    {
        var t = new Table().Title(Markup.Escape($"{Model} pruned ({Method}, keep {Keep:0.###} of the parameters) -> {Output}"))
            .AddColumn("figure").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned()).AddColumn(new TableColumn("change").RightAligned());
        foreach (var (f, b, a, c) in Rows()) t.AddRow(Markup.Escape(f), b, a, c);
        reporter.Table(t);
        if (Widths.Count > 0)
        {
            var w = new Table().AddColumn("group (producing layers)").AddColumn("unit").AddColumn(new TableColumn("width before").RightAligned())
                .AddColumn(new TableColumn("after").RightAligned()).AddColumn("note");
            foreach (var g in Widths)
                w.AddRow(Markup.Escape(g.Group), Markup.Escape(g.Kind), (g.UnitsBefore * g.UnitSize).ToString(CultureInfo.InvariantCulture),
                    (g.UnitsAfter * g.UnitSize).ToString(CultureInfo.InvariantCulture), Markup.Escape(g.NotPrunedBecause == null ? "" : "kept: " + g.NotPrunedBecause));
            reporter.Table(w);
        }
        if (Objective != null) reporter.Line(Markup.Escape($"fine-tuning: {FineTuneSteps} steps, {Objective}; channels ranked by {ChannelRanking}"));
        foreach (var n in Notes) reporter.Line(Markup.Escape("note: " + n));
        foreach (var p in Problems) reporter.Line($"[red]{Markup.Escape(p)}[/]");
        reporter.Line(ok ? "[green]ok[/]" : "[red]check failed[/]");
    }

    public string CardSection()
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Pruning");
        sb.AppendLine();
        var how = Method == "unstructured" ? ")." : $", widths rounded to multiples of {RoundTo}, {FineTuneSteps} fine-tuning steps: {Objective}).";
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Pruned by `edgetk prune` ({Method}, keep {Keep:0.###} of the parameters") + how);
        sb.AppendLine();
        sb.AppendLine("| figure | before | after | change |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var (f, b, a, c) in Rows()) sb.AppendLine($"| {f} | {b} | {a} | {c} |");
        if (Widths.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| group | unit | width before | after |");
            sb.AppendLine("|---|---|---:|---:|");
            foreach (var g in Widths) sb.AppendLine($"| {g.Group} | {g.Kind} | {g.UnitsBefore * g.UnitSize} | {g.UnitsAfter * g.UnitSize} |");
        }
        foreach (var n in Notes) { sb.AppendLine(); sb.AppendLine(n); }
        return sb.ToString();
    }
}
