namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>
/// The loop's time base, injectable so that tests run on virtual time. Ticks come every period,
/// like PeriodicTimer: ticks missed while the loop was busy collapse into one that is due at once.
/// </summary>
public interface ILoopClock
{
    TimeSpan Period { get; }
    /// <summary>Time since the clock started.</summary>
    TimeSpan Now { get; }
    /// <summary>Waits for the next tick; throws OperationCanceledException when cancelled.</summary>
    ValueTask WaitForNextTickAsync(CancellationToken cancellation);
}
