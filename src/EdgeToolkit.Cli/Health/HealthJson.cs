using System.Text.Json.Nodes;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Cli.Health;

/// <summary>`demo health --json`: one object, the fields the issue names first, then the detail behind them.</summary>
public static class HealthJson
{
    public static JsonObject Of(HealthSummary s, string reportPath)
    {
        var acc = s.Accuracy;
        var wearable = acc.Wearable;
        var board = s.Costs.Board;
        var (latMin, latMax) = s.WatchLatency;
        var o = new JsonObject
        {
            ["ok"] = s.Ok,
            ["board"] = board.Name,
            ["flash_bytes"] = s.Wearable.FlashBytes,
            ["ram_bytes"] = s.Wearable.RamBytes,
            ["instructions_per_prediction"] = s.InstructionsPerPrediction,
            ["predictions_match"] = s.Month.AllMatch,
            ["days_streamed"] = s.Month.DaysStreamed,
            ["tasks"] = new JsonArray(Enumerable.Range(0, HealthLabels.Tasks).Select(t => (JsonNode)new JsonObject
            {
                ["task"] = HealthLabels.TaskNames[t], ["metric"] = "macro_f1", ["value"] = R(wearable.Scores.MacroF1[t]),
                ["baseline_majority"] = R(acc.Majority.MacroF1[t]), ["baseline_logistic"] = R(acc.Logistic.MacroF1[t]),
                ["accuracy"] = R(wearable.Scores.Accuracy[t]), ["accuracy_majority"] = R(acc.Majority.Accuracy[t]), ["accuracy_logistic"] = R(acc.Logistic.Accuracy[t]),
                ["mae_classes"] = R(wearable.ClassMae[t]), ["mae_classes_majority"] = R(acc.MajorityMae[t]), ["mae_classes_logistic"] = R(acc.LogisticMae[t]),
            }).ToArray()),
            ["tasks_model"] = wearable.Name,
            ["held_out"] = new JsonObject { ["people"] = acc.People, ["windows"] = acc.Windows, ["data"] = s.Data.Spec.Describe() },
            ["image_flash_bytes"] = s.ImageFlashBytes,
            ["image_ram_bytes"] = s.ImageRamBytes,
            ["image_ram"] = "the health firmware's static RAM (.data + .bss: window, model arena, protocol buffers) plus its measured stack high-water mark",
            ["stack_bytes"] = s.Month.Stream.StackBytes,
            ["budget"] = new JsonObject
            {
                ["flash_bytes"] = HealthDemoOptions.FlashBudget, ["ram_bytes"] = HealthDemoOptions.RamBudget, ["instructions"] = HealthDemoOptions.InstructionBudget,
                ["met"] = s.FlashWithinBudget && s.RamWithinBudget && s.InstructionsWithinBudget,
                ["checked_on"] = "the whole wearable firmware image (flash), its static RAM plus stack, and the largest instruction count of any prediction in the month",
            },
            ["latency_estimate_us"] = new JsonObject
            {
                ["clock_hz"] = board.ClockHz, ["min"] = R(latMin * 1e6), ["max"] = R(latMax * 1e6),
                ["cycles_per_instruction"] = new JsonArray(board.CyclesPerInstruction.Min, board.CyclesPerInstruction.Max),
            },
            ["energy_estimate_uj"] = s.WatchEnergy is { } e
                ? new JsonObject { ["min"] = R(e.MinJoules * 1e6), ["max"] = R(e.MaxJoules * 1e6), ["active_power"] = board.ActivePower!.Source }
                : null,
            ["month"] = new JsonObject
            {
                ["person"] = s.Month.Person, ["first_day"] = s.Month.First.ToString("yyyy-MM-dd"), ["last_day"] = s.Month.Last.ToString("yyyy-MM-dd"),
                ["predictions"] = s.Month.Predictions.Count, ["matching_host"] = s.Month.Predictions.Count(p => p.Equal),
                ["reported_days"] = s.Month.Predictions.Count(p => p.Reported != null),
                ["accuracy_on_reported_days"] = new JsonObject(Enumerable.Range(0, HealthLabels.Tasks).Select(t =>
                    KeyValuePair.Create(HealthLabels.TaskNames[t], (JsonNode?)R(s.MonthAccuracy[t])))),
                ["host_model"] = "the C# integer evaluator of the compiled graph, on the window HealthFeatures.Window builds from the same days; outputs compared bit for bit",
                ["qemu"] = s.Month.Stream.Command,
            },
            ["variants"] = new JsonArray(acc.Variants.Select(v => (JsonNode)new JsonObject
            {
                ["model"] = v.Name, ["where"] = v.Where, ["mean_macro_f1"] = R(v.Scores.MeanMacroF1), ["mean_accuracy"] = R(v.Scores.MeanAccuracy),
                ["macro_f1"] = Array(v.Scores.MacroF1), ["accuracy"] = Array(v.Scores.Accuracy), ["mae_classes"] = Array(v.ClassMae),
            }).ToArray()),
            ["baselines"] = new JsonObject
            {
                ["majority"] = new JsonObject { ["macro_f1"] = Array(acc.Majority.MacroF1), ["accuracy"] = Array(acc.Majority.Accuracy) },
                ["logistic"] = new JsonObject { ["macro_f1"] = Array(acc.Logistic.MacroF1), ["accuracy"] = Array(acc.Logistic.Accuracy) },
            },
            ["targets"] = new JsonArray(s.Costs.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["model"] = t.Model, ["target"] = t.Target, ["board"] = t.Board, ["ok"] = t.Ok, ["reference"] = t.Reference, ["cases"] = t.Cases,
                ["max_abs_error"] = t.MaxAbsError, ["flash_bytes"] = t.FlashBytes, ["ram_bytes"] = t.RamBytes, ["arena_bytes"] = t.ArenaBytes,
                ["stack_bytes"] = t.StackBytes, ["instructions_per_inference"] = t.Instructions, ["ns_per_inference"] = t.HostNs,
            }).ToArray()),
            ["ort_ns_per_inference"] = new JsonObject(s.Costs.Ort.Select(l => KeyValuePair.Create(l.Model, (JsonNode?)Math.Round(l.MedianNs)))),
            ["prune"] = new JsonObject
            {
                ["keep"] = HealthDemoOptions.Keep, ["params_before"] = s.Models.Prune.Before.Parameters, ["params_after"] = s.Models.Prune.After.Parameters,
                ["instructions_before"] = s.Models.Prune.Before.Instructions, ["instructions_after"] = s.Models.Prune.After.Instructions,
                ["macro_f1_before"] = s.Models.Prune.Before.Metric, ["macro_f1_after"] = s.Models.Prune.After.Metric,
            },
            ["linux_board"] = s.LinuxBoard is { } l ? new JsonObject
            {
                ["model"] = l.Model, ["sensors"] = l.Sensors, ["days_sensed"] = l.DaysSensed, ["predictions"] = l.Predictions,
                ["same_as_from_true_columns"] = l.SameAsFromTrueColumns, ["cpu_seconds_per_day"] = R(l.CpuSecondsPerDay),
                ["ort_us_per_prediction"] = R(l.OrtMicrosecondsPerPrediction),
            } : null,
            ["tinyllama"] = new JsonObject
            {
                ["memory_bytes"] = TinyLlamaAnchor.MemoryBytes, ["seconds_per_prediction"] = TinyLlamaAnchor.SecondsPerPrediction, ["source"] = TinyLlamaAnchor.Source,
                ["memory_ratio"] = R(TinyLlamaAnchor.MemoryBytes / (s.ImageFlashBytes + s.ImageRamBytes)),
                ["latency_ratio_watch"] = R(TinyLlamaAnchor.SecondsPerPrediction / latMax),
            },
            ["models"] = new JsonObject
            {
                ["trained"] = s.Models.Trained, ["train_seconds"] = s.Models.Trained ? Math.Round(s.Models.TrainTime.TotalSeconds, 1) : null,
                ["mlp"] = s.Models.Mlp, ["pruned"] = s.Models.Pruned, ["wearable"] = s.Models.Int8, ["transformer"] = s.Models.Transformer,
                ["transformer_int8"] = s.Models.TransformerInt8,
            },
            ["firmware"] = s.Month.Firmware.OutputDir,
            ["phone"] = new JsonObject { ["onnx"] = s.Phone.Onnx, ["c_aarch64"] = s.Phone.CFolder },
            ["report"] = reportPath,
            ["seconds"] = Math.Round(s.Elapsed.TotalSeconds, 1),
        };
        return o;
    }

    private static JsonNode? R(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
    private static JsonArray Array(double[] v) => new(v.Select(R).ToArray());
}
