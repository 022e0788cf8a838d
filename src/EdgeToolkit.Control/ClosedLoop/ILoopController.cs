using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

public enum ControllerKind { Newton, Pid }

/// <summary>A controller the closed-loop simulation can drive: y(k) and the preview rows in, u(k) out.</summary>
public interface ILoopController
{
    ControllerKind Kind { get; }
    ControllerSettings Settings { get; }
    ControllerCounters Counters { get; }
    void Reset();
    ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> preview, Span<float> command);
}
