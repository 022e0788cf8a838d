using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// Runs a plant under a controller along a reference: per period k the controller gets y(k)
/// (through the fault injection, if any) and the preview rows, its command u(k) goes (through
/// the actuator faults) to the plant, which returns y(k+1). The plant's noise seed is the
/// caller's: pass the same seed to compare controllers on the same noise.
/// </summary>
public static class ClosedLoopSimulation
{
    public static ClosedLoopResult Run(IPlant plant, ILoopController controller, ReferenceTrajectory reference,
        int noiseSeed = 1, FaultInjection? faults = null)
    {
        var spec = plant.Spec;
        var s = controller.Settings;
        if (reference.Outputs != spec.OutputCount || s.M != spec.OutputCount || s.P != spec.InputCount)
            throw new ArgumentException($"plant '{spec.Name}' has {spec.InputCount} inputs and {spec.OutputCount} outputs; " +
                $"the controller has {s.P} and {s.M}, the reference {reference.Outputs} outputs");
        if (Math.Abs(reference.Period - spec.Period) > 1e-12)
            throw new ArgumentException($"reference '{reference.Name}' is sampled every {reference.Period} s, the plant runs every {spec.Period} s");
        plant.Reset(noiseSeed);
        controller.Reset();
        faults?.Reset();
        var noiseStd = spec.Outputs.Select(o => o.NoiseStd).ToArray();
        var reading = new float[s.M];
        var preview = new float[s.Horizon * s.M];
        var command = new float[s.P];
        var applied = new double[s.P];
        var lastApplied = spec.Inputs.Select(i => i.Initial).ToArray();
        var log = new ClosedLoopLog();
        var measured = plant.Measured.ToArray();
        for (int k = 0; k < reference.Steps; k++)
        {
            double t = k * spec.Period;
            for (int o = 0; o < s.M; o++) reading[o] = (float)measured[o];
            faults?.CorruptReading(t, noiseStd, reading);
            reference.Preview(k, s.Delay, s.Horizon, preview);
            var source = controller.Step(reading, preview, command);
            for (int i = 0; i < s.P; i++) applied[i] = command[i];
            faults?.Actuate(t, lastApplied, applied);
            applied.CopyTo(lastApplied, 0);
            measured = plant.Step(applied);
            log.Time.Add((k + 1) * spec.Period);
            log.Reference.Add(reference.Rows[k + 1]);
            log.Measured.Add(measured);
            log.TrueOutput.Add(plant.TrueOutputs.ToArray());
            log.Command.Add(command.Select(v => (double)v).ToArray());
            log.Applied.Add((double[])applied.Clone());
            log.Source.Add(controller.Kind == ControllerKind.Pid ? "pid" : SourceName(source));
        }
        var rms = ClosedLoopMetrics.Rms(log, reference.Tracked);
        return new ClosedLoopResult(spec.Name, reference.Name, controller.Kind, spec.Outputs.Select(o => o.Name).ToArray(), reference.Tracked,
            rms, ClosedLoopMetrics.Combine(rms, reference.Tracked), ClosedLoopMetrics.Combine(rms, reference.Tracked, s.YScale),
            CopyOf(controller.Counters), log);
    }

    public static string SourceName(ControlSource source) => source switch
    {
        ControlSource.Newton => "newton",
        ControlSource.FallbackSensor => "fallback_sensor",
        ControlSource.FallbackMismatch => "fallback_mismatch",
        ControlSource.FallbackSingular => "fallback_singular",
        ControlSource.FallbackDiverged => "fallback_diverged",
        _ => source.ToString(),
    };

    private static ControllerCounters CopyOf(ControllerCounters c) => new()
    {
        Steps = c.Steps, Fallbacks = c.Fallbacks, FallbackSensor = c.FallbackSensor, FallbackMismatch = c.FallbackMismatch,
        FallbackSingular = c.FallbackSingular, FallbackDiverged = c.FallbackDiverged, SensorFaults = c.SensorFaults,
        NewtonIterations = c.NewtonIterations, SaturatedSteps = c.SaturatedSteps,
    };
}
