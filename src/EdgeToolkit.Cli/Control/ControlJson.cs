using System.Text.Json.Nodes;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Cli.Control;

/// <summary>JSON of closed-loop runs (docs/cli.md, control).</summary>
public static class ControlJson
{
    public static JsonObject Run(ClosedLoopResult r)
    {
        var rms = new JsonObject();
        for (int o = 0; o < r.OutputNames.Count; o++)
            if (r.Tracked[o]) rms[r.OutputNames[o]] = Round(r.Rms[o]);
        return new JsonObject
        {
            ["controller"] = r.Controller == ControllerKind.Newton ? "nr" : "pid",
            ["reference"] = r.Reference,
            ["steps"] = r.Log.Count,
            ["rms_error"] = rms,
            ["rms_error_normalised"] = Round(r.Normalised),
            ["peak_output"] = new JsonArray(PeakOutput(r).Select(v => (JsonNode)Round(v)).ToArray()),
            ["counters"] = Counters(r.Counters),
        };
    }

    /// <summary>The largest absolute true output per output over the run (the loop stayed bounded).</summary>
    public static double[] PeakOutput(ClosedLoopResult r) =>
        Enumerable.Range(0, r.OutputNames.Count).Select(o => r.Log.TrueOutput.Max(y => Math.Abs(y[o]))).ToArray();

    public static JsonObject Counters(ControllerCounters c) => new()
    {
        ["steps"] = c.Steps, ["fallbacks"] = c.Fallbacks, ["fallback_sensor"] = c.FallbackSensor,
        ["fallback_mismatch"] = c.FallbackMismatch, ["fallback_singular"] = c.FallbackSingular,
        ["fallback_diverged"] = c.FallbackDiverged, ["sensor_faults"] = c.SensorFaults,
        ["newton_iterations"] = c.NewtonIterations, ["saturated_steps"] = c.SaturatedSteps,
    };

    public static JsonArray Faults(IEnumerable<Fault> faults) => new(faults.Select(f => (JsonNode)new JsonObject
    {
        ["kind"] = f.Kind.ToString(), ["start_s"] = f.Start, ["duration_s"] = f.Duration,
        ["channel"] = f.Channel < 0 ? null : f.Channel, ["magnitude"] = f.Magnitude == 0 ? null : f.Magnitude,
    }).ToArray());

    public static double Round(double v) => double.IsFinite(v) ? Math.Round(v, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Max(Math.Abs(v), 1e-12))), 0, 15)) : v;
}
