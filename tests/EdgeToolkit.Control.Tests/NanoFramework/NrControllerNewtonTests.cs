using EdgeToolkit.Control.NanoFramework;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>
/// The Newton step of the nanoFramework controller on linear models, where one step from z_prev
/// lands on the cost's minimiser (LinearNewtonReference works it out in double), and its projection.
/// </summary>
public class NrControllerNewtonTests
{
    private const double Tolerance = 1e-5;

    // y(k+1) = 0.5 u(k-1) + 0.8 y(k) + 0.1
    private static readonly float[] ScalarWeights = { 0.5f, 0.8f };
    private static readonly float[] ScalarBias = { 0.1f };

    private static double[][] Rows(int count, params float[] row) =>
        Enumerable.Repeat(row.Select(v => (double)v).ToArray(), count).ToArray();

    private static double[] ZOf(NrSettings s, float[] u) =>
        u.Select((v, i) => ((double)v - s.Lo[i]) / ((double)s.Hi[i] - s.Lo[i])).ToArray();

    [Fact]
    public void OneCommandOneStepLandsOnTheMinimiser()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        var c = new NrController(s, NanoFixtures.Linear(2, ScalarWeights, ScalarBias));
        var reference = new[] { 1.3f };
        var u = new float[1];

        var source = c.Step(new[] { 0.2f }, reference, u);

        var zStar = new LinearNewtonReference(s, ScalarWeights, ScalarBias)
            .Minimiser(ZOf(s, s.UInitial), reference, Rows(2, s.UInitial), Rows(1, 0.2f));
        Assert.InRange(zStar[0], 0.05, 0.95); // inside the limits and the rate window: nothing projected
        Assert.Equal(NrSource.Newton, source);
        Assert.Equal(s.Lo[0] + zStar[0] * 4.0, u[0], Tolerance);
        Assert.Equal(1u, c.Counters.NewtonIterations);
        Assert.Equal(0u, c.Counters.SaturatedSteps);
    }

    [Fact]
    public void CoupledCommandsSolveTheTwoByTwoSystem()
    {
        var s = NanoFixtures.Settings(p: 2, m: 2);
        s.Lo = new[] { -2f, 0f };
        s.Hi = new[] { 2f, 5f };
        s.UInitial = new[] { 0.4f, 1.5f };
        s.Lambda = new[] { 0.05f, 0.02f };
        s.Q = new[] { 1f, 2f };
        // Window u0(k-1), u1(k-1), y0(k), y1(k): both commands move both outputs, so H is not diagonal.
        var w = new[] { 0.6f, -0.3f, 0.7f, 0.1f, 0.2f, 0.9f, -0.2f, 0.5f };
        var b = new[] { 0.05f, -0.1f };
        var c = new NrController(s, NanoFixtures.Linear(4, w, b));
        var reading = new[] { 0.2f, -0.4f };
        var reference = new[] { 0.3f, 2.5f };
        var u = new float[2];

        Assert.Equal(NrSource.Newton, c.Step(reading, reference, u));

        var zStar = new LinearNewtonReference(s, w, b).Minimiser(ZOf(s, s.UInitial), reference, Rows(2, s.UInitial), Rows(1, reading));
        for (int i = 0; i < 2; i++)
        {
            Assert.InRange(zStar[i], 0.05, 0.95);
            Assert.Equal(s.Lo[i] + zStar[i] * ((double)s.Hi[i] - s.Lo[i]), u[i], Tolerance);
        }
    }

    [Fact]
    public void LongerHorizonAndLagsChainTheSensitivitiesOverTwoPeriods()
    {
        // Two command lags, two output lags, horizon 3: later predictions feed on earlier ones,
        // and the second period runs on shifted histories and a new z_prev.
        var s = NanoFixtures.Settings(p: 1, m: 1, inputLags: 2, outputLags: 2, horizon: 3);
        var w = new[] { 0.3f, 0.15f, 0.9f, -0.2f };
        var b = new[] { 0.02f };
        var c = new NrController(s, NanoFixtures.Linear(4, w, b));
        var reference = new[] { 0.6f, 0.7f, 0.8f };
        var expected = new LinearNewtonReference(s, w, b);
        var u1 = new float[1];
        var u2 = new float[1];

        c.Step(new[] { 0.2f }, reference, u1);
        var z1 = expected.Minimiser(ZOf(s, s.UInitial), reference, Rows(3, s.UInitial), Rows(2, 0.2f));
        Assert.InRange(z1[0], 0.05, 0.95);
        Assert.Equal(expected.Command(z1[0], 0), u1[0], Tolerance);

        c.Step(new[] { 0.25f }, reference, u2);
        var uPast = new[] { new double[] { u1[0] }, new double[] { s.UInitial[0] }, new double[] { s.UInitial[0] } };
        var yPast = new[] { new double[] { 0.25f }, new double[] { 0.2f } };
        var z2 = expected.Minimiser(ZOf(s, u1), reference, uPast, yPast);
        Assert.InRange(z2[0], 0.05, 0.95);
        Assert.Equal(expected.Command(z2[0], 0), u2[0], Tolerance);
    }

    [Fact]
    public void BarrierEntersGradientAndHessianAsDocumented()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.Barrier = 1e-2f;
        var c = new NrController(s, NanoFixtures.Linear(2, ScalarWeights, ScalarBias));
        var reference = new[] { 1.3f };
        var u = new float[1];
        c.Step(new[] { 0.2f }, reference, u);

        // One Newton step in double: z1 = z0 - g/H with the barrier terms of docs/controller.md.
        var r = new LinearNewtonReference(s, ScalarWeights, ScalarBias);
        double z0 = ZOf(s, s.UInitial)[0], barrier = s.Barrier;
        double slope = r.Slopes(new[] { z0 }, Rows(2, s.UInitial), Rows(1, 0.2f))[0][0];
        double e0 = reference[0] - r.Predict(new[] { z0 }, Rows(2, s.UInitial), Rows(1, 0.2f))[0];
        double g = -2 * s.Q[0] * slope * e0 + barrier * (1 / ((1 - z0) * (1 - z0)) - 1 / (z0 * z0));
        double h = 2 * s.Q[0] * slope * slope + 2 * s.Lambda[0] + barrier * (2 / (z0 * z0 * z0) + 2 / Math.Pow(1 - z0, 3));
        Assert.Equal(r.Command(z0 - g / h, 0), u[0], Tolerance);
    }

    [Fact]
    public void IterationsStopOnceTheStepIsBelowTolerance()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.MaxIterations = 5;
        var c = new NrController(s, NanoFixtures.Linear(2, ScalarWeights, ScalarBias));
        var u = new float[1];
        c.Step(new[] { 0.2f }, new[] { 1.3f }, u);
        // The cost is quadratic: the first step reaches the minimiser, the second is ~0 and stops.
        Assert.Equal(2u, c.Counters.NewtonIterations);
    }

    [Theory]
    [InlineData(50f, 1.0 - 1e-4)]
    [InlineData(-50f, 1e-4)]
    public void ProjectionKeepsZInsideTheLimits(float target, double zBound)
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        var c = new NrController(s, NanoFixtures.Linear(2, ScalarWeights, ScalarBias));
        var u = new float[1];
        c.Step(new[] { 0.2f }, new[] { target }, u);
        Assert.Equal(-2.0 + zBound * 4.0, u[0], Tolerance);
        Assert.Equal(1u, c.Counters.SaturatedSteps);
    }

    [Fact]
    public void ProjectionLimitsTheChangePerPeriodToTheRate()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.Rate = new[] { 0.1f };
        var c = new NrController(s, NanoFixtures.Linear(2, ScalarWeights, ScalarBias));
        var u = new float[1];
        c.Step(new[] { 0.2f }, new[] { 1.3f }, u); // unconstrained: u jumps from 0.4 to about 1.65
        Assert.Equal(0.4 + 0.1, u[0], Tolerance);
        c.Step(new[] { 0.2f }, new[] { 1.3f }, u);
        Assert.Equal(0.4 + 0.2, u[0], Tolerance);
        Assert.Equal(2u, c.Counters.SaturatedSteps);
    }
}
