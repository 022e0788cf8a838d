using System.Globalization;
using EdgeToolkit.Cli.Control;
using EdgeToolkit.Cli.Output;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>The health demo's HTML page: accuracy against the baselines, the wearable against its budget, cost per target, the month, TinyLlama.</summary>
public static class HealthReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string path, HealthSummary s)
    {
        var acc = s.Accuracy;
        var board = s.Costs.Board;
        var html = new DemoReportHtml("EdgeToolkit health demo: next-day event prediction on a watch",
            $"Predicts tomorrow's self-reported stress, readiness and sleep quality (three classes each) from the past {s.Data.Spec.Window} days of wrist-wearable data. " +
            $"Data: {s.Data.Spec.Describe()}. Models {(s.Models.Trained ? $"trained here with TorchSharp ({s.Models.TrainTime.TotalSeconds:0} s)" : "from models/ (./edgetk demo health --retrain trains them from scratch)")}; " +
            $"the MLP pruned to {HealthDemoOptions.Keep:P0} of its parameters with fine-tuning and quantized to int8 is the wearable build. It runs in the health firmware " +
            $"on the emulated {board.Name} ({board.Description}), which keeps the week's features in RAM and answers each day's readings over the framed serial protocol.");

        html.Section("Accuracy on people never seen in training").Table(
            new[] { "model", "where" }.Concat(HealthLabels.TaskNames.Select(t => $"{t}: macro-F1 / accuracy / class MAE")).ToList(),
            new[] { ("baseline: majority class", "", acc.Majority, acc.MajorityMae), ("baseline: logistic regression", "", acc.Logistic, acc.LogisticMae) }
                .Concat(acc.Variants.Select(v => (v.Name, v.Where, v.Scores, v.ClassMae)))
                .Select(r => (IReadOnlyList<string>)new[] { r.Item1, r.Item2 }.Concat(Enumerable.Range(0, HealthLabels.Tasks)
                    .Select(k => $"{r.Item3.MacroF1[k]:0.000} / {r.Item3.Accuracy[k]:0.000} / {r.Item4[k]:0.00}")).ToList()),
            $"{acc.Windows} windows of {acc.People} held-out people. Class MAE: mean |predicted - reported class| (classes are ordered: low / mid / high). " +
            "Majority: the training people's most frequent class. Logistic: multinomial logistic regression per task on the same scaled window.");
        var series = new List<(string, double[])> { ("majority", acc.Majority.MacroF1), ("logistic", acc.Logistic.MacroF1) };
        series.AddRange(acc.Variants.Where(v => v.Where != "ONNX Runtime" || v.Name is "MLP (float)" or "transformer (float)").Select(v => (v.Name, v.Scores.MacroF1)));
        html.Figure(HealthPlots.Accuracy(series, "Macro-F1 per task: what the wearable build keeps of the float model, against the baselines."));

        var (latMin, latMax) = s.WatchLatency;
        html.Section($"The wearable build on the {board.Name}").Table(["figure", "value", "budget"],
        [
            ["firmware image flash (model, week window, protocol, board support)", $"{s.ImageFlashBytes:N0} B", $"{HealthDemoOptions.FlashBudget:N0} B"],
            ["of which the model (flash share: image with minus without it)", $"{s.Wearable.FlashBytes:N0} B", ""],
            ["static RAM + stack high-water mark", $"{s.ImageRamBytes:N0} B", $"{HealthDemoOptions.RamBudget:N0} B"],
            ["instructions per prediction (QEMU icount, largest in the month)", s.InstructionsPerPrediction.ToString("N0", Inv), HealthDemoOptions.InstructionBudget.ToString("N0", Inv)],
            [$"latency at {board.ClockHz / 1e6:0} MHz ({board.CyclesPerInstruction.Min}-{board.CyclesPerInstruction.Max} cycles per instruction)", $"{latMin * 1e6:0}-{latMax * 1e6:0} us", ""],
            ["energy per prediction", s.WatchEnergy is { } e ? $"{e.MinJoules * 1e6:0.0}-{e.MaxJoules * 1e6:0.0} uJ" : "no power figure for this board", ""],
            [$"predictions equal to the host integer model ({s.Month.DaysStreamed} days streamed)", $"{s.Month.Predictions.Count(p => p.Equal)} of {s.Month.Predictions.Count}", "all"],
        ], board.ActivePower is { } p ? $"Energy from the part's active power: {p.Source}." : null);
        html.Figure(ControlPlots.Shares("Flash", "B", [("wearable firmware image", s.ImageFlashBytes), ("the model in it", s.Wearable.FlashBytes)], HealthDemoOptions.FlashBudget,
            "The whole wearable firmware against the 64 KB budget."));
        html.Figure(ControlPlots.Shares("RAM", "B", [("static RAM + stack", s.ImageRamBytes)], HealthDemoOptions.RamBudget, "The firmware's RAM against the 16 KB budget."));

        html.Section("A month on the watch").Table(["figure", "value"],
        [
            ["held-out person", s.Month.Person],
            ["days streamed (one DAY frame each; a week first to fill the window)", $"{s.Month.DaysStreamed} ({s.Month.First:yyyy-MM-dd} .. {s.Month.Last:yyyy-MM-dd})"],
            ["predictions, equal to the host integer model bit for bit", $"{s.Month.Predictions.Count(p => p.Equal)} of {s.Month.Predictions.Count}"],
            ["days the person reported", s.Month.Predictions.Count(p => p.Reported != null).ToString(Inv)],
            .. Enumerable.Range(0, HealthLabels.Tasks).Select(t => (IReadOnlyList<string>)new[] { $"{HealthLabels.TaskNames[t]}: board prediction = report", double.IsNaN(s.MonthAccuracy[t]) ? "-" : s.MonthAccuracy[t].ToString("P0", Inv) }),
        ], "The host integer model is the C# evaluator of the same compiled graph, fed the window the training code builds from the same days.");
        if (s.Month.Predictions.Count > 0)
            html.Figure(HealthPlots.Month(s.Month.Predictions, "Each day's prediction for the next day, as the board made it, and the person's self-report where there is one."));

        html.Section("Cost per prediction on each target").Table(["model", "target", "checked against", "ok", "flash", "RAM", "instructions", "latency"],
            s.Costs.Targets.Select(f => (IReadOnlyList<string>)new[]
            {
                f.Model, f.Board ?? f.Target, f.Reference, f.Ok ? "yes" : "NO", $"{f.FlashBytes:N0} B", $"{f.RamBytes:N0} B", f.Instructions?.ToString("N0", Inv) ?? "-",
                f.Instructions is long n && f.Board != null ? HealthTables.LatencyRange(s, n) : f.HostNs is double ns ? $"{ns / 1000:0.00} us (host C)" : "- (qemu-user: correctness only)",
            }).Concat(s.Costs.Ort.Select(l => (IReadOnlyList<string>)new[] { l.Model, "ort (host)", "", "", "", "", "-", $"{l.MedianNs / 1000:0.00} us" })),
            "Host C and ONNX Runtime on this machine stand in for a phone-class CPU; aarch64 runs under qemu-user, which has no cost counter.");

        if (s.LinuxBoard is { } lb)
            html.Section("On a Linux board: sensors to prediction").Table(["day", "steps (true)", "steps (sensed)", "resting HR (true)", "resting HR (sensed)"],
                lb.Days.Select(d => (IReadOnlyList<string>)new[]
                {
                    d.Date.ToString("yyyy-MM-dd"), d.TrueSteps?.ToString("N0", Inv) ?? "-", d.SensedSteps.ToString("N0", Inv),
                    d.TrueRestingHr?.ToString("0", Inv) ?? "-", d.SensedRestingHr.ToString("0", Inv),
                }),
                $"{lb.Sensors}. {lb.Predictions} predictions with {lb.Model} in ONNX Runtime ({lb.OrtMicrosecondsPerPrediction:0.0} us each); " +
                $"{lb.SameAsFromTrueColumns} equal to the prediction from the true day totals. {lb.CpuSecondsPerDay:0.00} s of CPU per simulated day.");

        long memory = s.ImageFlashBytes + s.ImageRamBytes;
        html.Section("Against TinyLlama on a phone").Table(["", "TinyLlama-1.1B, 4-bit, phone (paper)", "this wearable build", "ratio"],
        [
            ["memory", $"{TinyLlamaAnchor.MemoryBytes / 1e9:0.00} GB", $"{memory:N0} B (flash + RAM)", $"{TinyLlamaAnchor.MemoryBytes / memory:N0}x smaller"],
            ["time per prediction", $"{TinyLlamaAnchor.SecondsPerPrediction:0.00} s", $"{latMin * 1e6:0}-{latMax * 1e6:0} us on a {board.ClockHz / 1e6:0} MHz Cortex-M4", $"{TinyLlamaAnchor.SecondsPerPrediction / latMax:N0}x faster at least"],
        ], TinyLlamaAnchor.Source + ". The tasks are of the same kind (next-day self-reports from wearable data), not the same data: compare scale, not accuracy.");
        var phone = s.Costs.Ort.FirstOrDefault(l => l.Model == HealthCosts.WearableModel);
        var timeBars = new List<(string, double)> { ("TinyLlama on a phone (paper)", TinyLlamaAnchor.SecondsPerPrediction), ($"wearable build, {board.Name} (upper estimate)", latMax) };
        if (phone != null) timeBars.Add(("wearable model in ONNX Runtime (host)", phone.MedianNs * 1e-9));
        if (s.Costs.Find(HealthCosts.WearableModel, "host")?.HostNs is double hostNs) timeBars.Add(("wearable build, host C", hostNs * 1e-9));
        html.Figure(HealthPlots.LogBars("Time per prediction", "seconds", timeBars, v => v >= 1e-3 ? $"{v * 1e3:0.##} ms" : $"{v * 1e6:0.##} us", "Log scale: each step is ten times."));
        html.Figure(HealthPlots.LogBars("Memory", "bytes", [("TinyLlama on a phone (paper)", TinyLlamaAnchor.MemoryBytes), ("wearable firmware, flash + RAM", memory)],
            v => v >= 1e6 ? $"{v / 1e9:0.00} GB" : $"{v / 1024:0.0} KB", "Log scale."));
        html.Write(path);
    }
}
