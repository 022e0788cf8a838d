using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>etk_pid_step / etk_pid_track alone on host, Cortex-M4 and Cortex-M0.</summary>
public class PidFirmwareTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => NrScriptedRuns.Targets;

    private static IReadOnlyList<NrPidStep> Run(string target, NrPidScenario scenario) =>
        NrScriptedRuns.Report(target).PidScenarios[NrTestScenarios.AllPid.ToList().IndexOf(scenario)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void OneLoopMatchesTheHandComputation(string target)
    {
        // kp 2, ki 5, kd 0.1, tf 0.05, T 0.1, limits +-2, rate 1.5, ref 1; kaw = 1 / max(T, kp/ki = 0.4) = 2.5, so kaw T = 0.25.
        // k=0, y 0:   e 1,   I = 0.5,                D = 0 (no previous y),                        v = 2 + 0.5 = 2.5
        //             -> 2 (limit) -> 1.5 (rate from 0); I += 0.25 (1.5 - 2.5) = 0.25
        // k=1, y 0.2: e 0.8, I = 0.25 + 0.4 = 0.65, D = (0 - 0.1 * 0.2) / 0.15 = -0.133333,  v = 1.6 + 0.65 - 0.133333 = 2.116667
        //             -> 2 (limit); I += 0.25 (2 - 2.116667) = 0.620833
        // k=2, y 0.5: e 0.5, I = 0.870833, D = (0.05 * -0.133333 - 0.1 * 0.3) / 0.15 = -0.244444, v = 1 + 0.870833 - 0.244444 = 1.626389
        //             -> unclipped; sent 0.3 instead: I += 0.25 (0.3 - 1.626389) = 0.539236
        var steps = Run(target, NrTestScenarios.PidHand);
        var expected = new (double U, double I, double D)[] { (1.5, 0.25, 0), (2, 0.6208333, -0.1333333), (1.6263889, 0.5392361, -0.2444444) };
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].U, steps[k].U[0], 1e-6);
            Assert.Equal(expected[k].I, steps[k].Integral[0], 1e-6);
            Assert.Equal(expected[k].D, steps[k].Dterm[0], 1e-6);
        }
        Assert.Equal(0.3f, steps[2].Sent[0]);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void TwoMixedLoopsFollowTheDoubleReference(string target)
    {
        var scn = NrTestScenarios.PidMix;
        var s = scn.Settings;
        var steps = Run(target, scn);
        var reference = new PidReference(s);
        var last = s.UInitial.Select(v => (double)v).ToArray();
        int clipped = 0;
        double worst = 0;
        for (int k = 0; k < scn.Steps; k++)
        {
            var u = reference.Step(scn.Readings[k].Select(v => (double)v).ToArray(), scn.Refs[k].Select(v => (double)v).ToArray(), last);
            var sent = steps[k].Sent.Select(v => (double)v).ToArray();
            reference.Track(sent);
            for (int i = 0; i < s.P; i++)
            {
                worst = Math.Max(worst, Math.Abs(steps[k].U[i] - u[i]));
                Assert.True(Math.Abs(steps[k].U[i] - u[i]) <= 2e-6, $"period {k} u[{i}]: C {steps[k].U[i]:R}, reference {u[i]:R}");
                if (u[i] == s.Lo[i] || u[i] == s.Hi[i] || Math.Abs(u[i] - last[i]) == s.Rate[i]) clipped++;
            }
            for (int l = 0; l < s.PidLoops; l++)
            {
                Assert.True(Math.Abs(steps[k].Integral[l] - reference.Integral[l]) <= 2e-6, $"period {k} integral[{l}]: C {steps[k].Integral[l]:R}, reference {reference.Integral[l]:R}");
                Assert.True(Math.Abs(steps[k].Dterm[l] - reference.Dterm[l]) <= 2e-6, $"period {k} dterm[{l}]: C {steps[k].Dterm[l]:R}, reference {reference.Dterm[l]:R}");
            }
            last = sent;
        }
        Assert.InRange(clipped, 3, 2 * scn.Steps - 3); // some commands clipped, some not
        output.WriteLine($"{target}: {clipped} clipped commands; largest |u - reference| {worst:E2}");
    }
}
