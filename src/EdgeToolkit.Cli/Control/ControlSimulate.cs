using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Profiling;
using Spectre.Console;

namespace EdgeToolkit.Cli.Control;

/// <summary>`control simulate`: one controller on one plant and reference, in closed loop on the host.</summary>
public static class ControlSimulate
{
    public static int Run(Args args, Reporter reporter)
    {
        var folder = ControlModels.Folder(args);
        var kind = ControlBenchmark.ParseKind(args.Get("controller") ?? "nr");
        var referenceName = args.Get("reference") ?? "chirp";
        var faults = args.Flag("faults") ? FaultInjection.Standard : null;
        int seed = args.GetInt("seed", 1);
        var preset = args.Get("settings") is { } settingsFile ? ControllerJson.Load(settingsFile) : null;
        reporter.Progress($"simulating {(kind == ControllerKind.Newton ? "Newton-Raphson" : "PID")} on {folder}, reference {referenceName}{(faults != null ? ", with the standard faults" : "")}");
        var result = ControlBenchmark.Run(folder, kind, referenceName, faults, seed, preset);

        if (args.Get("csv") is { } csv) WriteCsv(csv, result);
        if (args.Get("plot") is { } png)
        {
            var runs = new List<(string, ClosedLoopResult)> { (kind == ControllerKind.Newton ? "NR" : "PID", result) };
            var image = ControlPlots.Tracking(runs, "").First();
            File.WriteAllBytes(png, image.Png);
        }

        if (reporter.Json)
        {
            var o = new JsonObject { ["plant"] = result.Plant, ["model"] = folder };
            foreach (var (k, v) in ControlJson.Run(result)) o[k] = v?.DeepClone();
            o["faults"] = faults != null ? ControlJson.Faults(faults) : new JsonArray();
            o["noise_seed"] = seed;
            reporter.WriteJson(o);
            return 0;
        }
        var t = new Table().Title($"{Markup.Escape(result.Plant)}, reference {Markup.Escape(referenceName)}, {(kind == ControllerKind.Newton ? "Newton-Raphson" : "PID")}: {result.Log.Count:N0} periods")
            .AddColumn("output").AddColumn(new TableColumn("RMS tracking error").RightAligned()).AddColumn(new TableColumn("peak |y|").RightAligned());
        var peak = ControlJson.PeakOutput(result);
        for (int o = 0; o < result.OutputNames.Count; o++)
            if (result.Tracked[o]) t.AddRow(Markup.Escape(result.OutputNames[o]), result.Rms[o].ToString("G4", CultureInfo.InvariantCulture), peak[o].ToString("G4", CultureInfo.InvariantCulture));
        reporter.Table(t);
        reporter.Line(Markup.Escape(CountersLine(result.Counters)));
        return 0;
    }

    public static string CountersLine(ControllerCounters c) =>
        $"fallbacks {c.Fallbacks} (sensor {c.FallbackSensor}, mismatch {c.FallbackMismatch}, singular {c.FallbackSingular}, diverged {c.FallbackDiverged}); " +
        $"sensor faults {c.SensorFaults}; Newton iterations {c.NewtonIterations}; saturated steps {c.SaturatedSteps}";

    /// <summary>The log as CSV: t, r_*, y_* (true), y_meas_*, u_*, source.</summary>
    public static void WriteCsv(string path, ClosedLoopResult r)
    {
        var sb = new StringBuilder();
        var outs = r.OutputNames;
        int p = r.Log.Command.Count > 0 ? r.Log.Command[0].Length : 0;
        sb.Append("t_s,").Append(string.Join(",", outs.Select(o => "r_" + o))).Append(',').Append(string.Join(",", outs.Select(o => "y_" + o)))
          .Append(',').Append(string.Join(",", outs.Select(o => "y_measured_" + o))).Append(',').Append(string.Join(",", Enumerable.Range(0, p).Select(i => $"u{i}")))
          .Append(",source\n");
        for (int k = 0; k < r.Log.Count; k++)
        {
            var cells = new List<double> { r.Log.Time[k] };
            cells.AddRange(r.Log.Reference[k]);
            cells.AddRange(r.Log.TrueOutput[k]);
            cells.AddRange(r.Log.Measured[k]);
            cells.AddRange(r.Log.Command[k]);
            sb.Append(string.Join(",", cells.Select(v => v.ToString("G7", CultureInfo.InvariantCulture)))).Append(',').Append(r.Log.Source[k]).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, sb.ToString());
    }
}
