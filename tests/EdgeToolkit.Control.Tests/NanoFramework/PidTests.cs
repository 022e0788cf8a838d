using EdgeToolkit.Control.NanoFramework;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>The PID of docs/controller.md against its formulas evaluated by hand, in double.</summary>
public class PidTests
{
    private static NrSettings TwoCommandSettings()
    {
        var s = NanoFixtures.Settings(p: 2, m: 1);
        s.Kp = new[] { 2f };
        s.Ki = new[] { 4f };
        s.Kd = new[] { 0.3f };
        s.Tf = new[] { 0.05f };
        s.U0 = new[] { 0.1f, -0.2f };
        s.Mix = new[] { 0.5f, 1f };
        return s;
    }

    [Fact]
    public void TwoPeriodsFollowTheFilteredPidFormulas()
    {
        var s = TwoCommandSettings();
        var pid = new Pid(s);
        pid.Reset();
        var u = new float[2];
        var uLast = new[] { 0f, 0f };
        double T = s.Period, kp = 2, ki = 4, kd = 0.3, tf = 0.05, r = 1.0;
        double y1 = 0.2, y2 = 0.35;

        pid.Step(new[] { (float)y1 }, new[] { (float)r }, uLast, u);
        double i1 = ki * T * (r - y1), d1 = 0; // no derivative kick on the first period
        double v1 = kp * (r - y1) + i1 + d1;
        Assert.Equal(0.1 + 0.5 * v1, u[0], 1e-5);
        Assert.Equal(-0.2 + 1.0 * v1, u[1], 1e-5);

        pid.Step(new[] { (float)y2 }, new[] { (float)r }, uLast, u);
        double i2 = i1 + ki * T * (r - y2), d2 = (tf * d1 - kd * (y2 - y1)) / (tf + T);
        double v2 = kp * (r - y2) + i2 + d2;
        Assert.Equal(0.1 + 0.5 * v2, u[0], 1e-5);
        Assert.Equal(-0.2 + 1.0 * v2, u[1], 1e-5);
    }

    [Fact]
    public void BackCalculationPullsTheIntegratorTowardsTheCommandSent()
    {
        var s = TwoCommandSettings();
        s.Kd = new[] { 0f };
        var pid = new Pid(s);
        pid.Reset();
        var u = new float[2];
        var uLast = new[] { 0f, 0f };
        double T = s.Period, kp = 2, ki = 4, r = 1.0, y = 0.2;

        pid.Step(new[] { (float)y }, new[] { (float)r }, uLast, u);
        // Inside the limits u is the unclipped command, so the pull is sent - u.
        var sent = new[] { u[0] + 0.3f, u[1] - 0.1f };
        pid.Track(sent);
        double kaw = 1 / Math.Max(T, kp / ki);
        double pulled = 0.5 * 0.3 + 1.0 * -0.1, norm = 0.5 * 0.5 + 1.0 * 1.0;
        double i1 = ki * T * (r - y) + kaw * T * pulled / norm;

        pid.Step(new[] { (float)y }, new[] { (float)r }, uLast, u);
        double v2 = kp * (r - y) + i1 + ki * T * (r - y);
        Assert.Equal(0.1 + 0.5 * v2, u[0], 1e-5);
        Assert.Equal(-0.2 + 1.0 * v2, u[1], 1e-5);
    }

    [Fact]
    public void CommandIsClippedToTheLimitsAndTheRateAroundTheLastCommand()
    {
        var s = TwoCommandSettings();
        s.Rate = new[] { 0.25f, 10f };
        var pid = new Pid(s);
        pid.Reset();
        var u = new float[2];
        // A large error: command 0 is held to u(k-1) + rate, command 1 to its upper limit.
        pid.Step(new[] { 0f }, new[] { 8f }, new[] { 1f, 0f }, u);
        Assert.Equal(1.25f, u[0]);
        Assert.Equal(s.Hi[1], u[1]);
        pid.Step(new[] { 0f }, new[] { -8f }, new[] { -1.9f, 0f }, u);
        Assert.Equal(s.Lo[0], u[0]);
        Assert.Equal(s.Lo[1], u[1]);
    }

    [Fact]
    public void SaturationAloneUnwindsTheIntegratorAgainstTheUnclippedCommand()
    {
        var s = TwoCommandSettings();
        s.Kd = new[] { 0f };
        var pid = new Pid(s);
        pid.Reset();
        var u = new float[2];
        var uLast = new[] { 0f, 0f };
        double T = s.Period, kp = 2, ki = 4, r = 8.0, y = 0.0;

        pid.Step(new[] { (float)y }, new[] { (float)r }, uLast, u);
        double i0 = ki * T * (r - y), v = kp * (r - y) + i0;
        double raw0 = 0.1 + 0.5 * v, raw1 = -0.2 + 1.0 * v;
        Assert.True(raw1 > s.Hi[1], "the test needs command 1 to saturate");
        pid.Track(u); // the PID alone: what went out is its own clipped command
        double kaw = 1 / Math.Max(T, kp / ki);
        double pulled = 0.5 * (u[0] - raw0) + 1.0 * (u[1] - raw1), norm = 0.5 * 0.5 + 1.0 * 1.0;
        double i1 = i0 + kaw * T * pulled / norm + ki * T * (r - y);

        pid.Step(new[] { (float)y }, new[] { (float)r }, uLast, u);
        double v2 = kp * (r - y) + i1;
        Assert.True(i1 < i0 + ki * T * (r - y), "back-calculation must slow the integrator while saturated");
        Assert.Equal(Math.Clamp(0.1 + 0.5 * v2, s.Lo[0], s.Hi[0]), u[0], 1e-4);
    }
}
