using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Iot.Tests.Support;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Targets;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Iot.Tests.Rig;

/// <summary>
/// The toolkit's Newton-Raphson controller (models/control-msd) on the simulated rig, against
/// ClosedLoopSimulation: the same controller and plant with the readings and commands passed
/// straight through.
/// </summary>
public class NewtonRigTests(ITestOutputHelper output)
{
    private const int NoiseSeed = 3;

    private static (ControllerPreset Preset, IForwardModel Model, ReferenceTrajectory Reference) Msd()
    {
        string folder = Path.Combine(RepoPaths.Root, "models", "control-msd");
        var preset = ControllerPresets.ForModelFolder(folder);
        return (preset, MlpForwardModel.Load(Path.Combine(folder, ControlModelFolder.ModelFile)), StandardReferences.Create("msd", "steps"));
    }

    private static void Row(ReferenceTrajectory reference, long k, Span<float> outputs)
    {
        var row = reference.Rows[(int)Math.Min(k, reference.Rows.Length - 1)];
        for (int o = 0; o < outputs.Length; o++) outputs[o] = (float)row[o];
    }

    [Fact]
    public async Task Through_the_bindings_it_tracks_as_in_the_pure_simulation_within_the_quantisation()
    {
        var (preset, model, reference) = Msd();
        var settings = preset.Settings;
        var pure = ClosedLoopSimulation.Run(PlantCatalog.Create("msd"), new NewtonLoopController(settings, model), reference, NoiseSeed);

        var controller = new NewtonRaphsonController(settings, model);
        var rig = RigRun.Build(PlantCatalog.Create("msd"), settings, controller.Step, (k, y) => Row(reference, k, y), NoiseSeed);
        var chips = await RigRun.Record(rig, reference.Steps + 1);

        // pure.Log row k is y(k+1) after u(k); the rig's TrueOutputs[k] is y(k).
        int n = reference.Steps;
        double lsb = rig.Sensor.Resolution(0);
        double maxDiff = Enumerable.Range(0, n).Max(k => Math.Abs(chips.TrueOutputs[k + 1][0] - pure.Log.TrueOutput[k][0]));
        double rmsChips = Math.Sqrt(Enumerable.Range(0, n).Average(k => Math.Pow(reference.Rows[k + 1][0] - chips.TrueOutputs[k + 1][0], 2)));
        output.WriteLine($"position: ADC code {lsb * 1e6:F1} um, max |x_chips - x_pure| {maxDiff * 1e6:F1} um; " +
            $"tracking rms {rmsChips * 1e3:F3} mm through the chips, {pure.Rms[0] * 1e3:F3} mm pure; " +
            $"fallbacks {controller.Counters.Fallbacks} vs {pure.Counters.Fallbacks}");

        Assert.Equal(0, controller.Counters.Fallbacks);
        Assert.Equal(pure.Counters.Fallbacks, controller.Counters.Fallbacks);
        Assert.InRange(maxDiff, 0, lsb);
        Assert.InRange(rmsChips, pure.Rms[0] - lsb, pure.Rms[0] + lsb);
    }

    [Fact]
    public async Task A_burst_of_i2c_failures_is_counted_handed_to_the_sensor_fallback_and_recovered_from()
    {
        var (preset, model, reference) = Msd();
        var settings = preset.Settings;
        var controller = new NewtonRaphsonController(settings, model);
        var rig = RigRun.Build(PlantCatalog.Create("msd"), settings, controller.Step, (k, y) => Row(reference, k, y), NoiseSeed);
        const int from = 200, failures = 8;
        // One failed transfer aborts a period's reading: `failures` failing transfers are that many periods.
        var run = await RigRun.Record(rig, reference.Steps + 1, beforePeriod: k => { if (k == from) rig.Chips.Adc.FailNextTransfers(failures); });

        var clean = new NewtonRaphsonController(settings, model);
        var cleanRig = RigRun.Build(PlantCatalog.Create("msd"), settings, clean.Step, (k, y) => Row(reference, k, y), NoiseSeed);
        var cleanRun = await RigRun.Record(cleanRig, reference.Steps + 1);

        Assert.Equal(failures, rig.Loop.Statistics.SensorFailures);
        Assert.Equal(failures, controller.Counters.SensorFaults);
        // docs/controller.md: fallback once more than sensor_hold_max faults are in a row.
        int expectedFallbacks = failures - settings.SensorHoldMax;
        Assert.Equal(expectedFallbacks, controller.Counters.FallbackSensor);
        Assert.Equal(Enumerable.Repeat(ControlSource.FallbackSensor, expectedFallbacks), run.Sources.Skip(from + settings.SensorHoldMax).Take(expectedFallbacks));
        Assert.Equal(ControlSource.Newton, run.Sources[from + failures]);

        double lsb = rig.Sensor.Resolution(0);
        int settledFrom = from + failures + 150;
        double late = Enumerable.Range(settledFrom, run.Length - settledFrom).Max(k => Math.Abs(run.TrueOutputs[k][0] - cleanRun.TrueOutputs[k][0]));
        double worst = Enumerable.Range(from, run.Length - from).Max(k => Math.Abs(run.TrueOutputs[k][0] - cleanRun.TrueOutputs[k][0]));
        output.WriteLine($"deviation from the failure-free run: worst {worst * 1e3:F3} mm, after {settledFrom} periods {late * 1e6:F1} um (ADC code {lsb * 1e6:F1} um)");
        Assert.InRange(late, 0, lsb);
    }
}
