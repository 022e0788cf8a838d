using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>The PID on a first-order plant y(k+1) = 0.9 y(k) + 0.1 u(k), against the page's formulas written out in double.</summary>
public class PidControllerTests
{
    private const double Kp = 2, Ki = 1.5, Kd = 0.3, Tf = 0.05, T = 0.1;

    private static ControllerSettings Settings(float hi) => new()
    {
        P = 1, M = 1, Delay = 1, InputLags = 1, OutputLags = 1, Period = (float)T, Horizon = 1,
        Lo = [-hi], Hi = [hi], Rate = [100f], UInitial = [0f], Lambda = [0f], Q = [1f], YScale = [1f], YValidLo = [-10f], YValidHi = [10f],
        PidOutput = [0], Kp = [(float)Kp], Ki = [(float)Ki], Kd = [(float)Kd], Tf = [(float)Tf], U0 = [0.2f], Mix = [1f],
    };

    [Theory]
    [InlineData(100f)]  // never clips: plain PID
    [InlineData(1.2f)]  // clips: back-calculation unwinds the integrator
    public void FollowsTheFormulasOnAFirstOrderPlant(float limit)
    {
        var pid = new PidController(Settings(limit));
        double y = 0, yRef = 0, integral = 0, dterm = 0, yPrev = 0;
        double kaw = 1 / Math.Max(T, Kp / Ki);
        var u = new float[1];
        float last = 0;
        bool clipped = false;
        for (int k = 0; k < 40; k++)
        {
            double r = k < 20 ? 1.0 : -0.5;
            pid.Step([(float)y], [(float)r], [last], u);
            pid.Track(u);
            // The page: P = kp e, I += ki T e, D = (tf D - kd (y - y_prev)) / (tf + T), u = u0 + v, clip, back-calculate.
            double e = r - yRef;
            if (k == 0) yPrev = yRef;
            integral += Ki * T * e;
            dterm = (Tf * dterm - Kd * (yRef - yPrev)) / (Tf + T);
            yPrev = yRef;
            double unclipped = 0.2 + Kp * e + integral + dterm;
            double sent = Math.Clamp(unclipped, -limit, limit);
            integral += kaw * T * (sent - unclipped);
            clipped |= sent != unclipped;
            Assert.Equal(sent, u[0], 1e-4);
            last = u[0];
            y = 0.9 * y + 0.1 * u[0];
            yRef = 0.9 * yRef + 0.1 * sent;
        }
        Assert.Equal(limit < 10, clipped);
        Assert.Equal(integral, pid.Integral[0], 1e-3);
    }

    [Fact]
    public void TrackingPullsTheIntegratorTowardsTheCommandSent()
    {
        var pid = new PidController(Settings(100f));
        var u = new float[1];
        pid.Step([0f], [1f], [0f], u);
        float before = pid.Integral[0];
        pid.Track([u[0] + 1f]);
        // kaw T (sent - proposed) / mix^2 with kaw = 1 / max(T, kp / ki).
        Assert.Equal(before + 1 / Math.Max(T, Kp / Ki) * T * 1.0, pid.Integral[0], 1e-6);
    }
}
