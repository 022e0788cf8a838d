using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>
/// What a run did, for people (text) or machines (one JSON object on stdout). A simulated run has
/// the true outputs' tracking error too, and the host's time per period in place of the loop's
/// work time (which is virtual there).
/// </summary>
public sealed record RunReport(string Mode, string Plant, string Controller, string Reference, double Period, LoopStatistics Loop,
    ControllerCounters Counters, IReadOnlyList<string> OutputNames, IReadOnlyList<string> OutputUnits, bool[] Tracked, TrackingError Tracking,
    TrackingError? TrueTracking, TimeSpan? HostTimePerPeriod)
{
    private bool Simulated => HostTimePerPeriod != null;

    public void Write(TextWriter output, bool json) => output.WriteLine(json ? ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : ToText());

    public JsonObject ToJson()
    {
        var rms = new JsonObject();
        var trueRms = new JsonObject();
        for (int o = 0; o < OutputNames.Count; o++)
        {
            if (!Tracked[o]) continue;
            rms[OutputNames[o]] = Tracking.Rms(o);
            if (TrueTracking != null) trueRms[OutputNames[o]] = TrueTracking.Rms(o);
        }
        return new JsonObject
        {
            ["ok"] = Loop.StoppedSafely,
            ["mode"] = Mode, ["plant"] = Plant, ["controller"] = Controller, ["reference"] = Reference, ["period_s"] = Period,
            ["periods"] = Loop.Periods, ["overruns"] = Loop.Overruns, ["sensor_failures"] = Loop.SensorFailures,
            ["actuator_failures"] = Loop.ActuatorFailures, ["stopped_safely"] = Loop.StoppedSafely,
            ["work_ms"] = Simulated ? null : new JsonObject { ["mean"] = Loop.MeanWork.TotalMilliseconds, ["max"] = Loop.MaxWork.TotalMilliseconds },
            ["host_ms_per_period"] = HostTimePerPeriod?.TotalMilliseconds,
            ["counters"] = new JsonObject
            {
                ["steps"] = Counters.Steps, ["fallbacks"] = Counters.Fallbacks, ["fallback_sensor"] = Counters.FallbackSensor,
                ["fallback_mismatch"] = Counters.FallbackMismatch, ["fallback_singular"] = Counters.FallbackSingular,
                ["fallback_diverged"] = Counters.FallbackDiverged, ["sensor_faults"] = Counters.SensorFaults,
                ["newton_iterations"] = Counters.NewtonIterations, ["saturated_steps"] = Counters.SaturatedSteps,
            },
            ["rms_measured"] = rms,
            ["rms_true"] = TrueTracking == null ? null : trueRms,
        };
    }

    private string ToText()
    {
        var c = Counters;
        var lines = new List<string>
        {
            $"{Mode} run: {Plant}, {Controller} controller, reference {Reference}: {Loop.Periods} periods of {Period * 1000:G4} ms",
            (Simulated ? $"  loop: host time {Ms(HostTimePerPeriod!.Value)} ms per period (controller, bindings, simulated chips and plant)"
                : $"  loop: work mean {Ms(Loop.MeanWork)} ms, max {Ms(Loop.MaxWork)} ms; overruns {Loop.Overruns}") +
            $"; sensor failures {Loop.SensorFailures}; " +
            $"actuator failures {Loop.ActuatorFailures}; safe stop {(Loop.StoppedSafely ? "yes" : "NO: the last command may still be applied")}",
            $"  controller: steps {c.Steps}, newton iterations {c.NewtonIterations}, fallbacks {c.Fallbacks} (sensor {c.FallbackSensor}, mismatch {c.FallbackMismatch}, " +
            $"singular {c.FallbackSingular}, diverged {c.FallbackDiverged}), sensor faults {c.SensorFaults}, saturated steps {c.SaturatedSteps}",
        };
        for (int o = 0; o < OutputNames.Count; o++)
        {
            if (!Tracked[o]) continue;
            string truth = TrueTracking == null ? "" : $", true output {G(TrueTracking.Rms(o))} {OutputUnits[o]}";
            lines.Add($"  tracking rms {OutputNames[o]}: reading {G(Tracking.Rms(o))} {OutputUnits[o]}{truth}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
