using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>Each fallback reason triggered on purpose, counted, and left again once its cause is gone.</summary>
public class FallbackTests
{
    private static LinearForwardModel Model(float bias = 0.1f) => new(2, 1, [0.5f, 0.8f], [bias]);

    private static ControllerSettings Settings(FallbackMode mode)
    {
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: 0.1f, rate: 5f);
        s.Fallback = mode;
        s.SensorHoldMax = 2;
        return s;
    }

    [Fact]
    public void SensorFaultsAreBridgedThenFallBackThenRecover()
    {
        var controller = new NewtonRaphsonController(Settings(FallbackMode.Hold), Model());
        var u = new float[1];
        Assert.Equal(ControlSource.Newton, controller.Step([1f], [3f], u));
        // Two faults are bridged with the last valid reading (sensor_hold_max = 2) ...
        Assert.Equal(ControlSource.Newton, controller.Step([float.NaN], [3f], u));
        Assert.Equal(ControlSource.Newton, controller.Step([5000f], [3f], u)); // outside the valid band
        float before = u[0];
        // ... the third is one too many: hold the last command.
        Assert.Equal(ControlSource.FallbackSensor, controller.Step([float.PositiveInfinity], [3f], u));
        Assert.Equal(before, u[0]);
        Assert.Equal(ControlSource.Newton, controller.Step([1f], [3f], u));
        var c = controller.Counters;
        Assert.Equal((3, 1, 1, 5), (c.SensorFaults, c.FallbackSensor, c.Fallbacks, c.Steps));
    }

    [Fact]
    public void PersistentMismatchFallsBackToThePid()
    {
        var s = Settings(FallbackMode.Pid);
        s.MismatchSteps = 3;
        s.MismatchThreshold = 0.2f;
        var controller = new NewtonRaphsonController(s, Model());
        var pid = new PidController(s);
        var u = new float[1];
        var uPid = new float[1];
        var last = new float[1];
        // Readings the model cannot predict (it expects about 0.8 y + 0.5 u(k-1) + 0.1).
        float[] readings = [0f, 10f, -10f, 10f, 0f];
        var sources = new List<ControlSource>();
        foreach (var y in readings)
        {
            sources.Add(controller.Step([y], [3f], u));
            pid.Step([y], [3f], last, uPid);
            pid.Track(u);
            if (sources[^1] == ControlSource.FallbackMismatch) Assert.Equal(uPid[0], u[0]);
            last[0] = u[0];
        }
        // Innovations exist from the second period on: mismatch runs 1, 2, 3 -> fallback at the fourth.
        Assert.Equal([ControlSource.Newton, ControlSource.Newton, ControlSource.Newton, ControlSource.FallbackMismatch, ControlSource.FallbackMismatch], sources);
        Assert.Equal(2, controller.Counters.FallbackMismatch);
    }

    [Fact]
    public void ASingularHessianFallsBack()
    {
        // No output weight, no move suppression, no barrier: H = 0.
        var s = ControllerTestSettings.Create(1, 1, 1, 1, 1, 1, lambda: 0f, q: 0f);
        s.Fallback = FallbackMode.Hold;
        var controller = new NewtonRaphsonController(s, Model());
        var u = new float[1];
        Assert.Equal(ControlSource.FallbackSingular, controller.Step([1f], [3f], u));
        Assert.Equal(0f, u[0]);
        Assert.Equal((1, 1), (controller.Counters.FallbackSingular, controller.Counters.Fallbacks));
    }

    [Fact]
    public void ADivergedModelFallsBackAndRecovers()
    {
        var model = new SwitchableModel(Model());
        var controller = new NewtonRaphsonController(Settings(FallbackMode.Hold), model);
        var u = new float[1];
        Assert.Equal(ControlSource.Newton, controller.Step([1f], [3f], u));
        model.Broken = true;  // predictions far outside the valid band (y_valid +- 10 y_scale)
        Assert.Equal(ControlSource.FallbackDiverged, controller.Step([1f], [3f], u));
        model.Broken = false;
        Assert.Equal(ControlSource.Newton, controller.Step([1f], [3f], u));
        Assert.Equal((1, 1), (controller.Counters.FallbackDiverged, controller.Counters.Fallbacks));
    }

    [Fact]
    public void RejectsSettingsItCannotRun()
    {
        var s = ControllerTestSettings.Create(1, 1, 0, 1, 1, 1);
        var e = Assert.Throws<EdgeToolkitException>(() => new NewtonRaphsonController(s, new LinearForwardModel(2, 1, [0.5f, 0.8f], [0f])));
        Assert.Contains("D >= 1", e.Message);
        var wrongModel = Assert.Throws<EdgeToolkitException>(() => new NewtonRaphsonController(Settings(FallbackMode.Pid), new LinearForwardModel(3, 1, [1, 1, 1], [0])));
        Assert.Contains("the model takes 3 inputs", wrongModel.Message);
    }

    /// <summary>The linear model, or one whose predictions blow up.</summary>
    private sealed class SwitchableModel(LinearForwardModel inner) : IForwardModel
    {
        public bool Broken { get; set; }
        public int Inputs => inner.Inputs;
        public int Outputs => inner.Outputs;
        public void Forward(ReadOnlySpan<float> x, Span<float> y) { inner.Forward(x, y); if (Broken) y[0] = 1e9f; }
        public void Jacobian(ReadOnlySpan<float> x, Span<float> y, Span<float> jacobian) { inner.Jacobian(x, y, jacobian); if (Broken) y[0] = 1e9f; }
    }
}
