namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The Newton-Raphson controller of docs/controller.md in float32 (.NET). STUB: the API other
/// parts build against; the implementation replaces the bodies.
/// </summary>
public sealed class NewtonRaphsonController
{
    public ControllerSettings Settings { get; }
    public IForwardModel Model { get; }
    public ControllerCounters Counters { get; } = new();

    public NewtonRaphsonController(ControllerSettings settings, IForwardModel model) { Settings = settings; Model = model; }

    /// <summary>Back to the state after construction (histories from UInitial, counters zero).</summary>
    public void Reset() => throw new NotImplementedException();

    /// <summary>One period: y(k) and the references for y(k+D+1) .. y(k+D+Horizon) (Horizon x M, row-major) in, u(k) out.</summary>
    public ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> reference, Span<float> command) => throw new NotImplementedException();
}
