using EdgeToolkit.Control.Runtime;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>
/// Each fallback reason of etk_nr_step on host, Cortex-M4 and Cortex-M0: which periods fall back
/// (worked out by hand from the scenario, in each test's comment), the counters, the command given
/// (hold: bit for bit u(k-1); PID: the double reference), and Newton again once the cause is gone.
/// </summary>
public class FallbackFirmwareTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => NrScriptedRuns.Targets;

    private const int N = (int)ControlSource.Newton, Sensor = (int)ControlSource.FallbackSensor, Mismatch = (int)ControlSource.FallbackMismatch,
        Singular = (int)ControlSource.FallbackSingular, Diverged = (int)ControlSource.FallbackDiverged;

    [Theory]
    [MemberData(nameof(Targets))]
    public void NaNReadingsAreSubstitutedThenFallBackToSensorAfterSensorHoldMax(string target)
    {
        // NaN in 3..9 with sensor_hold_max 3: 3, 4, 5 run on the last valid reading, 6..9 fall back;
        // 12 reads 100 on an output valid up to 5: substituted once.
        var result = Check(target, NrTestScenarios.Sensor, [N, N, N, N, N, N, Sensor, Sensor, Sensor, Sensor, N, N, N, N, N, N]);
        Assert.Equal((4L, 4L, 8L), (result.Counters!.Fallbacks, result.Counters.FallbackSensor, result.Counters.SensorFaults));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void PersistentMismatchHandsOverToThePidAndNewtonReturns(string target)
    {
        // Readings 1.5 high on output 0 in 4..9; innovation e(k) = offset(k) - 0.6 offset(k-1) - 0.1 offset(k-2) (the model's
        // y(k), y(k-1) weights): 1.5, 0.6, 0.45, 0.45 ... > 0.2 from 4, so the third (6) falls back (mismatch_steps 3);
        // 10 still sees -1.05, 11 only -0.15: Newton again.
        var result = Check(target, NrTestScenarios.Mismatch, [N, N, N, N, N, N, Mismatch, Mismatch, Mismatch, Mismatch, Mismatch, N, N, N, N, N, N, N]);
        Assert.Equal((5L, 5L, 0L), (result.Counters!.Fallbacks, result.Counters.FallbackMismatch, result.Counters.SensorFaults));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void ASingularHessianFallsBackEveryPeriod(string target)
    {
        var scn = NrTestScenarios.Singular;
        var result = Check(target, scn, Enumerable.Repeat(Singular, scn.Steps).ToArray());
        Assert.Equal((8L, 8L, 8L), (result.Counters!.Fallbacks, result.Counters.FallbackSingular, result.Counters.NewtonIterations));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void AModelThatReturnsNaNOrNonsenseDivergesAndNewtonRecovers(string target)
    {
        // NaN from the model in 3 and 4 (the free prediction already fails: no Newton iteration), from the Jacobian
        // only in 7 (the rollout fails in iteration 1), 1e6 off in 10 (outside the valid range + 10 y_scale).
        var result = Check(target, NrTestScenarios.Diverged, [N, N, N, Diverged, Diverged, N, N, Diverged, N, N, Diverged, N, N, N]);
        Assert.Equal((4L, 4L, 11L), (result.Counters!.Fallbacks, result.Counters.FallbackDiverged, result.Counters.NewtonIterations));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void SettingsWithoutDelayAreRejected(string target) =>
        Assert.True(NrScriptedRuns.Result(target, NrTestScenarios.NoDelay).Rejected);

    /// <summary>Sources as expected by hand and by the reference, commands as the reference says, counters equal.</summary>
    private NrScenarioResult Check(string target, NrScenario scn, int[] sources)
    {
        var result = NrScriptedRuns.Result(target, scn);
        var (expected, counters) = LinearControllerReference.Replay(scn, result.Steps);
        Assert.Equal(sources, result.Steps.Select(s => s.Source).ToArray());
        Assert.Equal(sources, expected.Select(e => e.Source).ToArray());
        double worst = 0;
        for (int k = 0; k < scn.Steps; k++)
        {
            var step = result.Steps[k];
            Assert.All(step.U, u => Assert.True(float.IsFinite(u), $"period {k}: a command that is not finite"));
            if (step.Source != N && scn.Settings.Fallback == FallbackMode.Hold)
            {
                Assert.Equal(k == 0 ? scn.Settings.UInitial : result.Steps[k - 1].U, step.U);
                continue;
            }
            for (int i = 0; i < scn.Settings.P; i++)
            {
                worst = Math.Max(worst, Math.Abs(step.U[i] - expected[k].U[i]));
                Assert.True(Math.Abs(step.U[i] - expected[k].U[i]) <= NewtonStepFirmwareTests.Tolerance(scn.Settings, i),
                    $"period {k} (source {step.Source}) u[{i}]: C {step.U[i]:R}, reference {expected[k].U[i]:R}");
            }
        }
        Assert.Equal(counters, result.Counters);
        output.WriteLine($"{target} {scn.Name}: {result.Counters}; largest |u - reference| {worst:E2}");
        return result;
    }
}
