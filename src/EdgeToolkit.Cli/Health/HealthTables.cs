using System.Globalization;
using EdgeToolkit.Training.Health;
using Spectre.Console;

namespace EdgeToolkit.Cli.Health;

/// <summary>The demo's results for people: accuracy against the baselines, cost per target, the wearable's budget and the month.</summary>
public static class HealthTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(HealthSummary s, Reporter reporter)
    {
        var acc = s.Accuracy;
        var t = new Table().Title($"held-out accuracy ({acc.People} people, {acc.Windows} windows): macro-F1 / accuracy / mean class error")
            .AddColumn("model").AddColumn("where");
        foreach (var task in HealthLabels.TaskNames) t.AddColumn(new TableColumn(task).RightAligned());
        string Cell(TaskScores sc, double[] mae, int k) => $"{sc.MacroF1[k]:0.000} / {sc.Accuracy[k]:0.000} / {mae[k]:0.00}";
        t.AddRow(new[] { "baseline: majority class", "" }.Concat(Enumerable.Range(0, HealthLabels.Tasks).Select(k => Cell(acc.Majority, acc.MajorityMae, k))).ToArray());
        t.AddRow(new[] { "baseline: logistic regression", "" }.Concat(Enumerable.Range(0, HealthLabels.Tasks).Select(k => Cell(acc.Logistic, acc.LogisticMae, k))).ToArray());
        foreach (var v in acc.Variants)
            t.AddRow(new[] { Markup.Escape(v.Name), Markup.Escape(v.Where) }.Concat(Enumerable.Range(0, HealthLabels.Tasks).Select(k => Cell(v.Scores, v.ClassMae, k))).ToArray());
        reporter.Table(t);

        var c = new Table().Title("cost per prediction (each build checked on 16 held-out windows against ONNX Runtime; int8 also bit for bit against the C# integer evaluator)")
            .AddColumn("model").AddColumn("target").AddColumn("ok").AddColumn(new TableColumn("flash").RightAligned()).AddColumn(new TableColumn("RAM").RightAligned())
            .AddColumn(new TableColumn("instructions").RightAligned()).AddColumn(new TableColumn("latency").RightAligned());
        foreach (var f in s.Costs.Targets)
        {
            string latency = f.Instructions is long n && f.Board != null ? LatencyRange(s, n) : f.HostNs is double ns ? $"{ns / 1000:0.00} us (host C)" : "- (qemu-user: correctness only)";
            c.AddRow(Markup.Escape(f.Model), Markup.Escape(f.Board ?? f.Target), f.Ok ? "yes" : "[red]NO[/]", $"{f.FlashBytes:N0} B", $"{f.RamBytes:N0} B",
                f.Instructions?.ToString("N0", Inv) ?? "-", latency);
        }
        foreach (var l in s.Costs.Ort) c.AddRow(Markup.Escape(l.Model), "ort (host)", "", "", "", "-", $"{l.MedianNs / 1000:0.00} us");
        reporter.Table(c);

        var w = new Table().Title($"the wearable build on the emulated {s.Costs.Board.Name} against the budget").AddColumn("figure")
            .AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("budget").RightAligned()).AddColumn("within");
        string Yes(bool ok) => ok ? "yes" : "[red]NO[/]";
        w.AddRow("firmware image flash (model, window, protocol, board support)", $"{s.ImageFlashBytes:N0} B", $"{HealthDemoOptions.FlashBudget:N0} B", Yes(s.FlashWithinBudget));
        w.AddRow("static RAM + stack", $"{s.ImageRamBytes:N0} B", $"{HealthDemoOptions.RamBudget:N0} B", Yes(s.RamWithinBudget));
        w.AddRow("instructions per prediction (largest in the month)", s.InstructionsPerPrediction.ToString("N0", Inv), HealthDemoOptions.InstructionBudget.ToString("N0", Inv), Yes(s.InstructionsWithinBudget));
        w.AddRow($"latency at {s.Costs.Board.ClockHz / 1e6:0} MHz", LatencyRange(s, s.InstructionsPerPrediction), "", "");
        if (s.WatchEnergy is { } e) w.AddRow("energy per prediction", $"{e.MinJoules * 1e6:0.0}-{e.MaxJoules * 1e6:0.0} uJ", "", "");
        w.AddRow($"predictions equal to the host integer model ({s.Month.DaysStreamed} days streamed)", $"{s.Month.Predictions.Count(p => p.Equal)} of {s.Month.Predictions.Count}", "all", Yes(s.Month.AllMatch));
        w.AddRow("TinyLlama-1.1B on a phone (paper)", $"{TinyLlamaAnchor.MemoryBytes / 1e9:0.00} GB, {TinyLlamaAnchor.SecondsPerPrediction:0.00} s", "", "");
        reporter.Table(w);

        if (s.LinuxBoard is { } lb)
            reporter.Line(Markup.Escape($"Linux board: {lb.DaysSensed} days sensed through {lb.Sensors}; {lb.Predictions} predictions in ONNX Runtime " +
                                        $"({lb.OrtMicrosecondsPerPrediction:0.0} us each), {lb.SameAsFromTrueColumns} the same as from the true day totals."));
    }

    public static string LatencyRange(HealthSummary s, long instructions)
    {
        var (min, max) = s.Costs.Board.EstimateLatency(instructions);
        return $"{min * 1e6:0}-{max * 1e6:0} us at {s.Costs.Board.ClockHz / 1e6:0} MHz";
    }
}
