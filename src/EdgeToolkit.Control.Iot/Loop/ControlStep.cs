using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>
/// One controller period: y(k) and the references for y(k+D+1) .. y(k+D+Horizon) (Horizon x M,
/// row-major) in, u(k) out. NewtonRaphsonController.Step has exactly this shape, so the loop runs
/// it (or a PID, or a test's controller) without knowing which.
/// </summary>
public delegate ControlSource ControlStep(ReadOnlySpan<float> measured, ReadOnlySpan<float> reference, Span<float> command);

/// <summary>Fills the reference of every output for period k (the value y(k) should take).</summary>
public delegate void ReferenceSignal(long period, Span<float> outputs);
