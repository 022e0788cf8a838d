using EdgeToolkit.Firmware.Health;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>One streamed day whose window was full: the board's prediction for the next day, the host's, and what the person reported.</summary>
public sealed record MonthPrediction(DateOnly Target, int[] Board, int[] Host, bool Equal, int[]? Reported, long Instructions);

public sealed record HealthMonthResult(string Person, DateOnly First, DateOnly Last, int DaysStreamed, HealthFirmwareResult Firmware,
    HealthStreamResult Stream, IReadOnlyList<MonthPrediction> Predictions)
{
    /// <summary>Every prediction of the board equals the host integer model's, outputs bit for bit.</summary>
    public bool AllMatch => Predictions.Count > 0 && Predictions.All(p => p.Equal);
    public long InstructionsMax => Predictions.Max(p => p.Instructions);
}

/// <summary>
/// The wearable part of the demo: the health firmware (the wearable model, a rolling window of daily features in RAM,
/// the framed serial protocol) built for the watch board and run under QEMU, a month of a held-out person's days
/// streamed to it one DAY frame at a time, and each prediction compared with the host integer model: the C#
/// evaluator of the same compiled graph on the window the training code builds (HealthFeatures.Window), so the
/// board's own window bookkeeping is checked too.
/// </summary>
public static class HealthMonth
{
    public static HealthMonthResult Run(HealthDemoOptions o, HealthSplitData data, string wearableModel, BoardDefinition board, Reporter reporter)
    {
        int window = data.Spec.Window;
        var records = data.Spec.LoadRecords();
        var (person, first) = PickMonth(records, data.Split.Test, window, o.Days);
        var byDate = records.Where(r => r.Person == person).GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Last());
        int streamed = window - 1 + o.Days;
        var dates = Enumerable.Range(0, streamed).Select(first.AddDays).ToList();

        reporter.Progress($"building the health firmware for {board.Name} with the wearable model");
        var firmware = HealthFirmwareBuilder.Build(new HealthFirmwareRequest
        {
            ModelPath = Path.Combine(wearableModel, "model.onnx"), Board = board, OutputDir = Path.Combine(o.Output, "firmware"), WindowDays = window,
        }, reporter.Progress);

        reporter.Progress($"streaming {streamed} days of held-out person {person} ({first:yyyy-MM-dd} .. {dates[^1]:yyyy-MM-dd}) to the emulated {board.Name}");
        var days = dates.Select(d =>
        {
            var columns = new float[HealthFeatures.PerDay];
            HealthFeatures.WriteDay(byDate.GetValueOrDefault(d), columns, 0);
            return new HealthDay(HealthFeatures.WeekdayIndex(d), columns);
        }).ToList();
        var stream = HealthStream.Run(firmware, days, Path.Combine(o.Output, "firmware-run"));

        var predictions = new List<MonthPrediction>();
        foreach (var p in stream.Predictions.Where(p => p.Ready))
        {
            var target = dates[p.Index].AddDays(1);
            var input = HealthFeatures.Window(byDate, target, window);
            var host = Evaluator.Run(firmware.Compiled, new Dictionary<string, Tensor> { ["features"] = Tensor.FromFloats(new[] { 1, input.Length }, input) });
            var hostOutputs = HealthLabels.OutputNames.SelectMany(n => host[n].ToFloatArray()).ToArray();
            var hostClasses = HealthLabels.OutputNames.Select(n => ClassificationMetrics.ArgMax(host[n].ToFloatArray())).ToArray();
            bool equal = p.Outputs.Length == hostOutputs.Length
                         && p.Outputs.Zip(hostOutputs).All(z => BitConverter.SingleToInt32Bits(z.First) == BitConverter.SingleToInt32Bits(z.Second))
                         && p.Classes.SequenceEqual(hostClasses) && p.TargetWeekday == HealthFeatures.WeekdayIndex(target);
            predictions.Add(new MonthPrediction(target, p.Classes, hostClasses, equal,
                byDate.TryGetValue(target, out var r) ? HealthLabels.Of(r) : null, p.Instructions));
        }
        return new HealthMonthResult(person, first, dates[^1], streamed, firmware, stream, predictions);
    }

    /// <summary>The held-out person and start date whose month has the most days with all three reports (ties: first person, earliest date).</summary>
    public static (string Person, DateOnly First) PickMonth(IReadOnlyList<DailyRecord> records, IReadOnlyList<string> heldOut, int window, int days)
    {
        (string, DateOnly)? best = null;
        int bestCount = -1;
        foreach (var person in heldOut.Order(StringComparer.Ordinal))
        {
            var mine = records.Where(r => r.Person == person).GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Last());
            if (mine.Count == 0) continue;
            var start = mine.Keys.Min();
            var end = mine.Keys.Max();
            for (var first = start; first.AddDays(window - 1 + days - 1) <= end; first = first.AddDays(7))
            {
                int reported = Enumerable.Range(window, days).Count(k => mine.TryGetValue(first.AddDays(k), out var r) && HealthLabels.Of(r) != null);
                if (reported > bestCount) { bestCount = reported; best = (person, first); }
            }
        }
        return best ?? throw new EdgeToolkitException(ErrorKind.BadInput,
            $"no held-out person has {window - 1 + days} consecutive days of data to stream", hint: "use more days per person, or a shorter --days");
    }
}
