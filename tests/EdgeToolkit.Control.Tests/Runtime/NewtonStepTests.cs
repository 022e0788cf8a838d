using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>
/// One command, one output, D = 1, one lag each, N = 1, model y(k+1) = a u(k-1) + c y(k) + b.
/// At the first period (u_hist = 0, y_hist = y0, d = 0): the free prediction is y1 = c y0 + b and
/// the horizon output a u + c y1 + b, so the cost q (r - a u - c y1 - b)^2 + lambda (u / range)^2
/// has the closed-form minimiser u* = q a (r - c y1 - b) / (q a^2 + lambda / range^2), which one
/// Gauss-Newton step (no barrier) reaches exactly.
/// </summary>
public class NewtonStepTests
{
    private const float A = 0.5f, C = 0.8f, B = 0.1f, Y0 = 1.0f, R = 3.0f;

    private static LinearForwardModel Model() => new(2, 1, [A, C], [B]);

    [Fact]
    public void OneStepReachesTheClosedFormMinimiser()
    {
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: 0.1f, q: 1f);
        var controller = new NewtonRaphsonController(s, Model());
        var u = new float[1];
        Assert.Equal(ControlSource.Newton, controller.Step([Y0], [R], u));
        double range = s.Hi[0] - s.Lo[0], y1 = C * Y0 + B;
        double expected = s.Q[0] * A * (R - C * y1 - B) / (s.Q[0] * A * A + s.Lambda[0] / (range * range));
        Assert.Equal(expected, u[0], 1e-4 * Math.Abs(expected));
        Assert.Equal(1, controller.Counters.NewtonIterations);
        Assert.Equal(0, controller.Counters.SaturatedSteps);
    }

    [Fact]
    public void ProjectsOntoTheSlewRateWindow()
    {
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: 0.1f, rate: 1f);
        var controller = new NewtonRaphsonController(s, Model());
        var u = new float[1];
        controller.Step([Y0], [R], u);
        Assert.Equal(1f, u[0], 5); // u(k-1) = 0 plus one period's rate, not the minimiser 4.36
        Assert.Equal(1, controller.Counters.SaturatedSteps);
        controller.Step([Y0], [R], u);
        Assert.Equal(2f, u[0], 5);
    }

    [Fact]
    public void ProjectsInsideTheLimitsByTheMargin()
    {
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: 0.1f, lo: -2f, hi: 2f);
        var controller = new NewtonRaphsonController(s, Model());
        var u = new float[1];
        controller.Step([Y0], [R], u);
        Assert.Equal(-2f + 4f * (1f - NewtonRaphsonController.ZMargin), u[0], 5);
        Assert.Equal(1, controller.Counters.SaturatedSteps);
    }

    [Fact]
    public void BarrierStepMatchesHandComputation()
    {
        // No tracking (q = 0): the step is the barrier's own Newton step from z_prev = 0.2:
        // g = s (1/0.8^2 - 1/0.2^2), H = 2 lambda + s (2/0.2^3 + 2/0.8^3), z = 0.2 - g / H.
        const double barrier = 0.01, lambda = 0.1, zPrev = 0.2;
        var settings = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: (float)lambda, q: 0f, lo: 0f, hi: 10f,
            uInitial: (float)(10 * zPrev), barrier: (float)barrier);
        var controller = new NewtonRaphsonController(settings, Model());
        var u = new float[1];
        controller.Step([Y0], [R], u);
        double g = barrier * (1 / (0.8 * 0.8) - 1 / (0.2 * 0.2));
        double h = 2 * lambda + barrier * (2 / (0.2 * 0.2 * 0.2) + 2 / (0.8 * 0.8 * 0.8));
        Assert.Equal(10 * (zPrev - g / h), u[0], 4);
    }

    [Fact]
    public void UsesOneForwardAndHorizonJacobiansPerIteration()
    {
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 3, lambda: 0.1f);
        s.MaxIterations = 2;
        var model = Model();
        var controller = new NewtonRaphsonController(s, model);
        controller.Step([Y0], [R, R, R], new float[1]);
        Assert.Equal(1, model.ForwardCalls);          // the free prediction (D = 1)
        Assert.Equal(3 * 2, model.JacobianCalls);     // N x iterations (linear: no early stop with tolerance 0)
        Assert.Equal(2, controller.Counters.NewtonIterations);
    }
}
