using System.Globalization;
using System.Text;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>Writes scenarios as the C table nr_scripted_main.c runs (nr_scenarios[], nr_pid_scenarios[]).</summary>
public static class NrScenarioTable
{
    public static string Write(IReadOnlyList<NrScenario> scenarios, IReadOnlyList<NrPidScenario> pidScenarios)
    {
        var c = new StringBuilder("/* Written by the C# tests (NrScenarioTable). */\n#include <math.h>\n#include \"nr_scenario.h\"\n\n");
        for (int k = 0; k < scenarios.Count; k++)
        {
            var s = scenarios[k];
            Array(c, $"s{k}_a", s.A);
            Array(c, $"s{k}_b", s.B);
            Array(c, $"s{k}_y_start", s.YStart.Length > 0 ? s.YStart : new float[s.Settings.M]);
            Array(c, $"s{k}_readings", s.Readings.SelectMany(r => r).ToArray());
            Array(c, $"s{k}_refs", s.Refs.SelectMany(r => r).ToArray());
            c.Append($"static const unsigned char s{k}_faults[] = {{ {string.Join(", ", Enumerable.Range(0, s.Steps).Select(i => (int)s.FaultAt(i)))} }};\n");
        }
        for (int k = 0; k < pidScenarios.Count; k++)
        {
            var s = pidScenarios[k];
            Array(c, $"pid{k}_readings", s.Readings.SelectMany(r => r).ToArray());
            Array(c, $"pid{k}_refs", s.Refs.SelectMany(r => r).ToArray());
            Array(c, $"pid{k}_sent", s.Sent.SelectMany(r => r).ToArray());
        }
        c.Append($"\nconst nr_scenario nr_scenarios[{Math.Max(1, scenarios.Count)}] = {{\n");
        for (int k = 0; k < scenarios.Count; k++)
        {
            var s = scenarios[k];
            c.Append($"    {{ {Settings(s.Settings)},\n      s{k}_a, s{k}_b, {(s.ClosedLoop ? 1 : 0)}, s{k}_y_start, {s.Steps}, s{k}_readings, s{k}_refs, s{k}_faults, {(s.Measure ? 1 : 0)} }}, /* {s.Name} */\n");
        }
        c.Append($"}};\nconst int nr_scenario_count = {scenarios.Count};\n\nconst nr_pid_scenario nr_pid_scenarios[{Math.Max(1, pidScenarios.Count)}] = {{\n");
        for (int k = 0; k < pidScenarios.Count; k++)
            c.Append($"    {{ {Settings(pidScenarios[k].Settings)},\n      {pidScenarios[k].Steps}, pid{k}_readings, pid{k}_refs, pid{k}_sent }}, /* {pidScenarios[k].Name} */\n");
        c.Append($"}};\nconst int nr_pid_scenario_count = {pidScenarios.Count};\n");
        return c.ToString();
    }

    /// <summary>An etk_nr_settings initializer.</summary>
    private static string Settings(ControllerSettings s) => "{ " +
        string.Join(", ", new[]
        {
            $".p = {s.P}", $".m = {s.M}", $".delay = {s.Delay}", $".input_lags = {s.InputLags}", $".output_lags = {s.OutputLags}",
            $".horizon = {s.Horizon}", $".max_iterations = {s.MaxIterations}",
            $".period = {F(s.Period)}", $".tolerance = {F(s.Tolerance)}", $".barrier = {F(s.Barrier)}", $".disturbance_gain = {F(s.DisturbanceGain)}",
            $".lo = {List(s.Lo)}", $".hi = {List(s.Hi)}", $".rate = {List(s.Rate)}", $".u_initial = {List(s.UInitial)}", $".lambda = {List(s.Lambda)}",
            $".q = {List(s.Q)}", $".y_scale = {List(s.YScale)}", $".y_valid_lo = {List(s.YValidLo)}", $".y_valid_hi = {List(s.YValidHi)}",
            $".sensor_hold_max = {s.SensorHoldMax}", $".mismatch_steps = {s.MismatchSteps}", $".mismatch_threshold = {F(s.MismatchThreshold)}",
            $".fallback = {(s.Fallback == FallbackMode.Pid ? "ETK_NR_FALLBACK_PID" : "ETK_NR_FALLBACK_HOLD")}",
            $".pid_loops = {s.PidLoops}", $".pid_output = {{ {string.Join(", ", s.PidOutput.DefaultIfEmpty(0))} }}",
            $".kp = {List(s.Kp)}", $".ki = {List(s.Ki)}", $".kd = {List(s.Kd)}", $".tf = {List(s.Tf)}", $".u0 = {List(s.U0)}", $".mix = {List(s.Mix)}",
        }) + " }";

    private static void Array(StringBuilder c, string name, float[] values) =>
        c.Append($"static const float {name}[] = {List(values)};\n");

    private static string List(float[] values) => "{ " + string.Join(", ", values.DefaultIfEmpty(0f).Select(F)) + " }";

    /// <summary>A C float literal that reads back to the same float (9 significant digits).</summary>
    public static string F(float v)
    {
        if (float.IsNaN(v)) return "NAN";
        if (float.IsInfinity(v)) return v > 0 ? "INFINITY" : "-INFINITY";
        var text = v.ToString("G9", CultureInfo.InvariantCulture).Replace("E", "e");
        return text + (text.Contains('.') || text.Contains('e') ? "f" : ".0f");
    }
}
