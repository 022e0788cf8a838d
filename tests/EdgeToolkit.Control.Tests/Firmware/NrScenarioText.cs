using System.Globalization;
using System.Text;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>
/// Writes a scenario in the text format the host's file mode reads (nr_file_main.c; the format is
/// in firmware/runtime/README.md). Numbers with 9 significant digits, so every float reads back exactly.
/// </summary>
public static class NrScenarioText
{
    /// <param name="linkedModel">"model linked": the program's linked generated model instead of A and b.</param>
    public static string Write(NrScenario scenario, bool linkedModel = false)
    {
        var s = scenario.Settings;
        var t = new StringBuilder($"# {scenario.Name}\n");
        void Line(string key, params float[] values) => t.Append(key).Append(' ').AppendJoin(' ', values.Select(N)).Append('\n');
        void Int(string key, int value) => t.Append(key).Append(' ').Append(value).Append('\n');

        Int("p", s.P); Int("m", s.M); Int("delay", s.Delay); Int("input_lags", s.InputLags); Int("output_lags", s.OutputLags);
        Int("horizon", s.Horizon); Int("max_iterations", s.MaxIterations);
        Line("period", s.Period); Line("tolerance", s.Tolerance); Line("barrier", s.Barrier); Line("disturbance_gain", s.DisturbanceGain);
        Line("lo", s.Lo); Line("hi", s.Hi); Line("rate", s.Rate); Line("u_initial", s.UInitial); Line("lambda", s.Lambda);
        Line("q", s.Q); Line("y_scale", s.YScale); Line("y_valid_lo", s.YValidLo); Line("y_valid_hi", s.YValidHi);
        Int("sensor_hold_max", s.SensorHoldMax); Int("mismatch_steps", s.MismatchSteps); Line("mismatch_threshold", s.MismatchThreshold);
        t.Append("fallback ").Append(s.Fallback == FallbackMode.Pid ? "pid" : "hold").Append('\n');
        t.Append("pid_output ").AppendJoin(' ', s.PidOutput).Append('\n');
        Line("kp", s.Kp); Line("ki", s.Ki); Line("kd", s.Kd); Line("tf", s.Tf); Line("u0", s.U0); Line("mix", s.Mix);
        if (linkedModel) t.Append("model linked\n");
        else { t.Append("model linear\n"); Line("a", scenario.A); Line("b", scenario.B); }
        if (scenario.ClosedLoop) { Line("closed_loop", 1); Line("y_start", scenario.YStart); }
        for (int k = 0; k < scenario.Steps; k++)
        {
            t.Append("step ").AppendJoin(' ', scenario.Readings[k].Concat(scenario.Refs[k]).Select(N));
            if (scenario.FaultAt(k) != ModelFault.None) t.Append(' ').Append((int)scenario.FaultAt(k));
            t.Append('\n');
        }
        return t.ToString();
    }

    private static string N(float v) => float.IsNaN(v) ? "nan" : float.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("G9", CultureInfo.InvariantCulture);
}
