using EdgeToolkit.Control.Runtime;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>etk_nr_step's Newton path on host, Cortex-M4 and Cortex-M0 against the double reference (LinearControllerReference).</summary>
public class NewtonStepFirmwareTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => NrScriptedRuns.Targets;

    /// <summary>float32 against double on well-conditioned 2 x 2 problems: a few ulp of the command range.</summary>
    internal static double Tolerance(ControllerSettings s, int i) => 2e-6 * (s.Hi[i] - s.Lo[i]);

    [Theory]
    [MemberData(nameof(Targets))]
    public void OneNewtonStepReachesTheClosedFormMinimiserOfTheQuadraticCost(string target)
    {
        // Barrier 0 and a linear model make the cost quadratic in z, so one Newton step from z_prev lands on its minimiser.
        foreach (var scn in new[] { NrTestScenarios.NewtonH1, NrTestScenarios.NewtonH3D2 })
        {
            var result = NrScriptedRuns.Result(target, scn);
            var (expected, counters) = LinearControllerReference.Replay(scn, result.Steps);
            double worst = 0;
            for (int k = 0; k < scn.Steps; k++)
            {
                var (step, e) = (result.Steps[k], expected[k]);
                Assert.Equal((int)ControlSource.Newton, step.Source);
                var (lower, upper) = e.Window!.Value;
                for (int i = 0; i < scn.Settings.P; i++)
                {
                    // The scenario is meant to keep the minimiser clear of every bound.
                    Assert.InRange(e.Minimiser![i], lower[i] + 1e-3, upper[i] - 1e-3);
                    double u = scn.Settings.Lo[i] + e.Minimiser[i] * (scn.Settings.Hi[i] - scn.Settings.Lo[i]);
                    worst = Math.Max(worst, Math.Abs(step.U[i] - u));
                    Assert.True(Math.Abs(step.U[i] - u) <= Tolerance(scn.Settings, i), $"{scn.Name} period {k} u[{i}]: C {step.U[i]:R}, closed form {u:R}");
                }
            }
            Assert.Equal(counters, result.Counters);
            Assert.Equal(0, result.Counters!.SaturatedSteps);
            Assert.Equal(scn.Steps, result.Counters.NewtonIterations);
            output.WriteLine($"{target} {scn.Name}: largest |u - closed form| {worst:E2}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void TheCommandIsTheMinimiserProjectedIntoTheLimitsAndTheSlewRateWindow(string target)
    {
        var scn = NrTestScenarios.Projection;
        var s = scn.Settings;
        var result = NrScriptedRuns.Result(target, scn);
        var (expected, counters) = LinearControllerReference.Replay(scn, result.Steps);
        int rateBound = 0, limitBound = 0;
        var previous = s.UInitial;
        for (int k = 0; k < scn.Steps; k++)
        {
            var (step, e) = (result.Steps[k], expected[k]);
            Assert.Equal((int)ControlSource.Newton, step.Source);
            var (lower, upper) = e.Window!.Value;
            for (int i = 0; i < s.P; i++)
            {
                double z = Math.Clamp(e.Minimiser![i], lower[i], upper[i]);
                if (z != e.Minimiser[i])
                {
                    // Clear of the edge: which bound acts must not depend on rounding.
                    Assert.True(Math.Abs(z - e.Minimiser[i]) > 1e-3, $"period {k} u[{i}] sits on its bound");
                    if (z == 1 - 1e-4 || z == 1e-4) limitBound++;
                    else rateBound++;
                }
                double u = s.Lo[i] + z * (s.Hi[i] - s.Lo[i]);
                Assert.True(Math.Abs(step.U[i] - u) <= Tolerance(s, i), $"period {k} u[{i}]: C {step.U[i]:R}, projected minimiser {u:R}");
                Assert.True(Math.Abs(step.U[i] - previous[i]) <= s.Rate[i] * (1 + 1e-6), $"period {k} u[{i}] moved faster than the rate");
            }
            previous = step.U;
        }
        Assert.True(rateBound > 0 && limitBound > 0, $"the scenario should bind both the rate ({rateBound}) and a limit ({limitBound})");
        Assert.Equal(counters, result.Counters);
        Assert.True(result.Counters!.SaturatedSteps > 0);
        output.WriteLine($"{target}: {rateBound} rate-bound and {limitBound} limit-bound commands, {result.Counters.SaturatedSteps} saturated steps");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void NewtonIterationsWithTheBarrierFollowTheReferenceIteration(string target)
    {
        var scn = NrTestScenarios.BarrierIterations;
        var result = NrScriptedRuns.Result(target, scn);
        var (expected, counters) = LinearControllerReference.Replay(scn, result.Steps);
        for (int k = 0; k < scn.Steps; k++)
        {
            var (step, e) = (result.Steps[k], expected[k]);
            Assert.Equal(e.Source, step.Source);
            // The stopping test must not sit on its threshold (float32 moves dz by about 1e-7, 1% of the tolerance),
            // or float and double could stop at different iterations.
            Assert.All(e.StopMargins, margin => Assert.False(margin is > 0.7 and < 1.4, $"period {k}: max |dz| is {margin} x the tolerance"));
            for (int i = 0; i < scn.Settings.P; i++)
                Assert.True(Math.Abs(step.U[i] - e.U[i]) <= Tolerance(scn.Settings, i), $"period {k} u[{i}]: C {step.U[i]:R}, reference {e.U[i]:R}");
        }
        Assert.Equal(counters, result.Counters);
        Assert.True(expected.Max(e => e.Iterations) > 2, "the scenario should need several iterations");
        Assert.True(expected.Min(e => e.Iterations) < scn.Settings.MaxIterations, "the scenario should stop on the tolerance somewhere");
        output.WriteLine($"{target}: {result.Counters!.NewtonIterations} iterations over {scn.Steps} periods (per period: {string.Join(" ", expected.Select(e => e.Iterations))}), {result.Counters.SaturatedSteps} saturated");
    }
}
