using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Tests;

public class MassSpringDamperTests
{
    private static MassSpringDamperParameters Ideal(int subSteps = 4) => new()
    {
        DelayPeriods = 0, ForceRate = double.PositiveInfinity, PositionNoise = 0, VelocityNoise = 0, SubSteps = subSteps,
    };

    /// <summary>Free response x(t) = e^{-zeta w t} (x0 cos(wd t) + zeta w x0 / wd sin(wd t)) of the underdamped oscillator.</summary>
    private static double Analytic(MassSpringDamperParameters p, double x0, double t)
    {
        double w = Math.Sqrt(p.Stiffness / p.Mass), zeta = p.Damping / (2 * Math.Sqrt(p.Stiffness * p.Mass));
        double wd = w * Math.Sqrt(1 - zeta * zeta);
        return Math.Exp(-zeta * w * t) * (x0 * Math.Cos(wd * t) + zeta * w * x0 / wd * Math.Sin(wd * t));
    }

    private static double MaxErrorAgainstAnalytic(int subSteps)
    {
        var p = Ideal(subSteps) with { InitialPosition = 0.1 };
        var plant = new MassSpringDamper(p);
        double worst = 0;
        for (int k = 1; k <= 150; k++)
        {
            var y = plant.Step(new[] { 0.0 });
            worst = Math.Max(worst, Math.Abs(y[0] - Analytic(p, 0.1, k * p.Period)));
        }
        return worst;
    }

    [Fact]
    public void Rk4FollowsTheAnalyticDampedOscillator()
    {
        double error = MaxErrorAgainstAnalytic(4);
        Assert.True(error < 1e-7, $"max position error {error:E2} m over 3 s");
    }

    [Fact]
    public void Rk4ErrorShrinksAtFourthOrder()
    {
        // Halving the step divides a 4th-order method's global error by about 2^4 = 16.
        double coarse = MaxErrorAgainstAnalytic(1), fine = MaxErrorAgainstAnalytic(2);
        double ratio = coarse / fine;
        Assert.InRange(ratio, 12, 20);
    }

    [Fact]
    public void ConstantForceSettlesAtForceOverStiffness()
    {
        var p = Ideal();
        var plant = new MassSpringDamper(p);
        double[] y = Array.Empty<double>();
        for (int k = 0; k < 1000; k++) y = plant.Step(new[] { 5.0 }); // 20 s, about 18 time constants
        Assert.Equal(5.0 / p.Stiffness, y[0], 6);
        Assert.Equal(0.0, y[1], 6);
    }

    [Fact]
    public void ForceBeyondTheLimitActsAsTheLimit()
    {
        var p = Ideal();
        var a = new MassSpringDamper(p);
        var b = new MassSpringDamper(p);
        for (int k = 0; k < 50; k++)
        {
            var ya = a.Step(new[] { 100.0 });
            var yb = b.Step(new[] { p.ForceLimit });
            Assert.Equal(yb[0], ya[0]);
        }
        Assert.Equal(p.ForceLimit, a.AppliedInput[0]);
    }

    [Fact]
    public void DelayedForceLeavesThePlantAtRestForTheDelay()
    {
        var plant = new MassSpringDamper(Ideal() with { DelayPeriods = 2 });
        Assert.Equal(0.0, plant.Step(new[] { 5.0 })[0]);
        Assert.Equal(0.0, plant.Step(new[] { 5.0 })[0]);
        Assert.True(plant.Step(new[] { 5.0 })[0] > 0, "the force arrives in the third period");
    }

    [Fact]
    public void NoiseIsSeededAndHasTheStatedSpread()
    {
        var p = new MassSpringDamperParameters();
        var a = new MassSpringDamper(p);
        var b = new MassSpringDamper(p);
        a.Reset(7); b.Reset(7);
        var diffs = new List<double>();
        for (int k = 0; k < 2000; k++)
        {
            var ya = a.Step(new[] { 1.0 });
            Assert.Equal(ya, b.Step(new[] { 1.0 }));
            diffs.Add(ya[0] - a.TrueOutputs[0]);
        }
        double std = Math.Sqrt(diffs.Sum(d => d * d) / diffs.Count);
        Assert.InRange(std, 0.9 * p.PositionNoise, 1.1 * p.PositionNoise);
        a.Reset(8);
        Assert.NotEqual(b.Step(new[] { 1.0 }), a.Step(new[] { 1.0 }));
    }
}
