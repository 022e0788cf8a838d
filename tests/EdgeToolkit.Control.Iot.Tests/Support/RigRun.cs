using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Iot.Simulation;
using EdgeToolkit.Control.Iot.Wiring;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Tests.Support;

/// <summary>
/// What a closed-loop run measured, period by period: what the controller read and sent, the
/// plant's noisy measurement and noise-free outputs at that time, and the command the plant
/// stepped with to reach period k (Applied[k+1] carries Commands[k]; Applied[0] is the initial command).
/// </summary>
public sealed record Trajectory(float[][] Measured, float[][] Commands, double[][] PlantMeasured, double[][] TrueOutputs, double[][] Applied, ControlSource[] Sources)
{
    public int Length => Measured.Length;
}

/// <summary>
/// The controller on the simulated rig (real bindings over the simulated chips, virtual time),
/// and the same controller on the bare plant (no chips, no loop) as the reference.
/// </summary>
public static class RigRun
{
    public sealed record Rig(SimulatedRig Chips, ControlLoop Loop, VirtualClock Clock, Ads1115PositionSensor Sensor, Pca9685Actuator Actuator);

    public static Rig Build(IPlant plant, ControllerSettings settings, ControlStep step, ReferenceSignal reference, int noiseSeed, IoWiring? wiring = null)
    {
        wiring ??= IoWiring.Default(settings);
        plant.Reset(noiseSeed);
        var clock = new VirtualClock(TimeSpan.FromSeconds(plant.Spec.Period));
        var chips = new SimulatedRig(plant, wiring, clock);
        var sensor = Ads1115PositionSensor.Open(chips.Adc, wiring.Outputs);
        var actuator = Pca9685Actuator.Open(chips.Pwm, wiring.Commands);
        var loop = new ControlLoop(settings, step, sensor, actuator, reference, clock);
        return new Rig(chips, loop, clock, sensor, actuator);
    }

    /// <summary>Runs the rig's loop for <paramref name="periods"/> periods and records what the controller saw and sent.</summary>
    public static async Task<Trajectory> Record(Rig rig, int periods, Action<long>? beforePeriod = null)
    {
        var measured = new List<float[]>(); var commands = new List<float[]>(); var sources = new List<ControlSource>();
        var plant = rig.Chips.Plant;
        var plantMeasured = new List<double[]> { plant.Measured.ToArray() };
        var truth = new List<double[]> { plant.TrueOutputs.ToArray() };
        var applied = new List<double[]> { plant.Spec.Inputs.Select(c => c.Initial).ToArray() };
        rig.Clock.PeriodElapsed += () =>
        {
            plantMeasured.Add(plant.Measured.ToArray()); truth.Add(plant.TrueOutputs.ToArray()); applied.Add(rig.Chips.Commands.ToArray());
        };
        rig.Loop.Observer = (in PeriodRecord r) =>
        {
            measured.Add(r.Measured.ToArray()); commands.Add(r.Command.ToArray()); sources.Add(r.Source);
            beforePeriod?.Invoke(r.Period + 1);
        };
        await rig.Loop.RunAsync(CancellationToken.None, periods);
        return new Trajectory(measured.ToArray(), commands.ToArray(), plantMeasured.Take(periods).ToArray(), truth.Take(periods).ToArray(),
            applied.Take(periods).ToArray(), sources.ToArray());
    }

    /// <summary>The same controller and plant with the readings and commands passed straight through.</summary>
    public static Trajectory Pure(IPlant plant, ControllerSettings settings, ControlStep step, ReferenceSignal reference, int noiseSeed, int periods)
    {
        plant.Reset(noiseSeed);
        int m = settings.M, rows = Math.Max(1, settings.Horizon);
        var y = plant.Measured.Select(v => (float)v).ToArray();
        var sent = plant.Spec.Inputs.Select(c => c.Initial).ToArray();
        var refs = new float[rows * m];
        var u = new float[settings.P];
        var measured = new float[periods][]; var commands = new float[periods][]; var sources = new ControlSource[periods];
        var plantMeasured = new double[periods][]; var truth = new double[periods][]; var applied = new double[periods][];
        for (int k = 0; k < periods; k++)
        {
            plantMeasured[k] = plant.Measured.ToArray(); truth[k] = plant.TrueOutputs.ToArray(); applied[k] = sent;
            for (int j = 0; j < rows; j++) reference(k + settings.Delay + 1 + j, refs.AsSpan(j * m, m));
            sources[k] = step(y, refs, u);
            measured[k] = y.ToArray(); commands[k] = u.ToArray();
            sent = u.Select(v => (double)v).ToArray();
            y = plant.Step(sent).Select(v => (float)v).ToArray();
        }
        return new Trajectory(measured, commands, plantMeasured, truth, applied, sources);
    }
}
