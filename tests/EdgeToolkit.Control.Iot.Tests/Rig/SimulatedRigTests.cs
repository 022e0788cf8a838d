using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Tests.Support;
using EdgeToolkit.Control.Iot.Wiring;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Iot.Tests.Rig;

/// <summary>The loop on the simulated msd rig, with a PID written in the tests.</summary>
public class SimulatedRigTests(ITestOutputHelper output)
{
    private const int Periods = 250, NoiseSeed = 7;
    private static readonly ReferenceSignal StepTo02 = (k, y) => MsdSetup.Step(k, y);

    [Fact]
    public async Task The_pid_tracks_a_position_step_through_the_bindings()
    {
        var rig = RigRun.Build(PlantCatalog.Create("msd"), MsdSetup.Settings(), MsdSetup.Pid().Step, StepTo02, NoiseSeed);
        var run = await RigRun.Record(rig, Periods);

        double settled = run.TrueOutputs.Skip(Periods - 50).Average(y => y[0]);
        output.WriteLine($"true position over the last second: {settled:F5} m (reference 0.2); I2C transfers: ADC {rig.Chips.Adc.Transfers}, PWM {rig.Chips.Pwm.Transfers}");
        Assert.InRange(settled, 0.2 - 0.002, 0.2 + 0.002);
        Assert.Equal(Periods, rig.Loop.Statistics.Periods);
        Assert.Equal(0, rig.Loop.Statistics.SensorFailures + rig.Loop.Statistics.ActuatorFailures + rig.Loop.Statistics.Overruns);
    }

    [Fact]
    public async Task Every_reading_and_command_is_the_plants_value_to_within_half_a_code()
    {
        var settings = MsdSetup.Settings();
        var rig = RigRun.Build(PlantCatalog.Create("msd"), settings, MsdSetup.Pid().Step, StepTo02, NoiseSeed);
        var run = await RigRun.Record(rig, Periods);

        // float readings add a relative 6e-8 on top of the ADC's rounding.
        for (int o = 0; o < 2; o++)
        {
            double halfLsb = rig.Sensor.Resolution(o) / 2 + 1e-6;
            for (int k = 0; k < Periods; k++) Assert.InRange(run.Measured[k][o] - run.PlantMeasured[k][o], -halfLsb, halfLsb);
        }
        double halfPwmStep = (settings.Hi[0] - settings.Lo[0]) / 4096.0 / 2 + 1e-6;
        for (int k = 0; k + 1 < Periods; k++) Assert.InRange(run.Applied[k + 1][0] - run.Commands[k][0], -halfPwmStep, halfPwmStep);
    }

    [Fact]
    public async Task Through_the_chips_the_run_equals_the_bare_plant_within_one_adc_code()
    {
        var settings = MsdSetup.Settings();
        var wiring = IoWiring.Default(settings);
        var rig = RigRun.Build(PlantCatalog.Create("msd"), settings, MsdSetup.Pid().Step, StepTo02, NoiseSeed, wiring);
        var chips = await RigRun.Record(rig, Periods);
        var pure = RigRun.Pure(PlantCatalog.Create("msd"), settings, MsdSetup.Pid().Step, StepTo02, NoiseSeed, Periods);

        double lsb = rig.Sensor.Resolution(0);
        double maxPositionDiff = Enumerable.Range(0, Periods).Max(k => Math.Abs(chips.TrueOutputs[k][0] - pure.TrueOutputs[k][0]));
        double maxCommandDiff = Enumerable.Range(0, Periods).Max(k => Math.Abs(chips.Commands[k][0] - pure.Commands[k][0]));
        output.WriteLine($"position LSB {lsb * 1e6:F1} um; max |x_chips - x_pure| {maxPositionDiff * 1e6:F1} um; max |u_chips - u_pure| {maxCommandDiff * 1e3:F2} mN");
        Assert.InRange(maxPositionDiff, 0, lsb);
    }

    [Fact]
    public async Task An_i2c_failure_on_the_adc_is_counted_and_the_loop_recovers()
    {
        var pid = MsdSetup.Pid();
        var rig = RigRun.Build(PlantCatalog.Create("msd"), MsdSetup.Settings(), pid.Step, StepTo02, NoiseSeed);
        var run = await RigRun.Record(rig, Periods, beforePeriod: k => { if (k == 100) rig.Chips.Adc.FailNextTransfers(1); });

        Assert.Equal(1, rig.Loop.Statistics.SensorFailures);
        Assert.Equal(1, pid.NanReadings);
        Assert.True(run.Measured[100].All(float.IsNaN));
        Assert.DoesNotContain(run.Measured[101], float.IsNaN);
        Assert.InRange(run.TrueOutputs.Skip(Periods - 50).Average(y => y[0]), 0.2 - 0.002, 0.2 + 0.002);
    }
}
