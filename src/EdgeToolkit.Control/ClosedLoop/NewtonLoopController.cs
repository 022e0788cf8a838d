using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>The Newton-Raphson controller (with its PID fallback) as a loop controller.</summary>
public sealed class NewtonLoopController(ControllerSettings settings, IForwardModel model) : ILoopController
{
    private readonly NewtonRaphsonController _controller = new(settings, model);
    public ControllerKind Kind => ControllerKind.Newton;
    public ControllerSettings Settings => _controller.Settings;
    public ControllerCounters Counters => _controller.Counters;
    public void Reset() => _controller.Reset();
    public ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> preview, Span<float> command) => _controller.Step(measured, preview, command);
}
