using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;
using Spectre.Console;

namespace EdgeToolkit.Cli.Control;

/// <summary>
/// `control benchmark`: Newton-Raphson against the tuned PID on the plant's standard references
/// (same plant, noise seed and reference for both), the fault scenario, and the firmware's figures
/// on the target's board (ControlFirmwareFigures). JSON per docs/cli.md (other tools parse it).
/// </summary>
public static class ControlBenchmarkRun
{
    public static int Run(Args args, Reporter reporter)
    {
        var folder = ControlModels.Folder(args);
        var preset = args.Get("settings") is { } settingsFile ? ControllerJson.Load(settingsFile) : ControllerPresets.ForModelFolder(folder);
        var comparisons = new List<BenchmarkComparison>();
        foreach (var name in StandardReferences.Names)
        {
            reporter.Progress($"reference {name}: Newton-Raphson and PID in closed loop");
            comparisons.Add(ControlBenchmark.Compare(folder, name, preset: preset));
        }
        reporter.Progress("fault scenario (NaN, zero and stale readings, stuck actuators, a noise burst) on the steps reference");
        var faulted = ControlBenchmark.Compare(folder, "steps", FaultInjection.Standard, preset: preset);

        double nr = Rms(comparisons.Select(c => c.Newton.Normalised)), pid = Rms(comparisons.Select(c => c.Pid.Normalised));
        ControlFirmwareFigures? firmware = null;
        if (!args.Flag("host-only"))
            // With the fault scenario, so that the replay also covers the fallback paths of the three implementations.
            firmware = ControlFirmwareFigures.Measure(folder, preset, args.Get("target") ?? "cortex-m4", args.Get("board"), reporter,
                faults: FaultInjection.Standard);

        long fallbacks = comparisons.Sum(c => c.Newton.Counters.Fallbacks) + faulted.Newton.Counters.Fallbacks;
        if (reporter.Json)
        {
            var o = new JsonObject
            {
                ["plant"] = preset.Plant,
                ["model"] = folder,
                ["nr_rms_error"] = ControlJson.Round(nr),
                ["pid_rms_error"] = ControlJson.Round(pid),
                ["rms_error_unit"] = "fraction of each tracked output's range (y_scale), root mean square over the tracked outputs and the standard references",
                ["nr_to_pid"] = ControlJson.Round(nr / pid),
                ["target"] = firmware?.Target,
                ["board"] = firmware?.Board.Name,
                ["instructions_per_step"] = firmware?.InstructionsPerStep,
                ["control_rate_hz"] = firmware?.RateJson(),
                ["flash_bytes"] = firmware?.ImageFlashBytes,
                ["flash_fraction"] = firmware is null ? null : ControlJson.Round(firmware.FlashFraction),
                ["ram_bytes"] = firmware?.RamBytes,
                ["fallbacks"] = fallbacks,
                ["implementations_max_diff"] = firmware?.ImplementationsMaxDiff,
                ["implementations"] = firmware?.ImplementationsJson(),
                ["references"] = new JsonArray(comparisons.Select(c => (JsonNode)Pair(c)).ToArray()),
                ["faults"] = new JsonObject
                {
                    ["scenario"] = ControlJson.Faults(FaultInjection.Standard),
                    ["nr"] = ControlJson.Run(faulted.Newton),
                    ["pid"] = ControlJson.Run(faulted.Pid),
                },
            };
            reporter.WriteJson(o);
            return 0;
        }

        var t = new Table().Title($"{Markup.Escape(preset.Plant)}: Newton-Raphson vs tuned PID, RMS tracking error (plant units)")
            .AddColumn("reference").AddColumn("output").AddColumn(new TableColumn("NR").RightAligned()).AddColumn(new TableColumn("PID").RightAligned())
            .AddColumn(new TableColumn("NR / PID").RightAligned());
        foreach (var c in comparisons.Append(faulted))
            for (int o = 0; o < c.Newton.OutputNames.Count; o++)
                if (c.Newton.Tracked[o])
                    t.AddRow(Markup.Escape(c == faulted ? "steps + faults" : c.Newton.Reference), Markup.Escape(c.Newton.OutputNames[o]),
                        G(c.Newton.Rms[o]), G(c.Pid.Rms[o]), (c.Newton.Rms[o] / c.Pid.Rms[o]).ToString("0.00", CultureInfo.InvariantCulture));
        reporter.Table(t);
        reporter.Line(Markup.Escape($"overall (normalised by each output's range): NR {nr:P3}, PID {pid:P3}, ratio {nr / pid:0.00}"));
        reporter.Line(Markup.Escape($"faults, NR: {ControlSimulate.CountersLine(faulted.Newton.Counters)}"));
        firmware?.Print(reporter);
        return 0;
    }

    private static JsonObject Pair(BenchmarkComparison c) => new()
    {
        ["reference"] = c.Newton.Reference,
        ["nr"] = ControlJson.Run(c.Newton),
        ["pid"] = ControlJson.Run(c.Pid),
        ["nr_to_pid"] = ControlJson.Round(c.Ratio),
    };

    private static double Rms(IEnumerable<double> v) { var a = v.ToArray(); return Math.Sqrt(a.Sum(x => x * x) / a.Length); }
    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
