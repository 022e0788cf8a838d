namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>
/// Virtual time for tests and the simulated rig: waiting jumps to the next tick at once.
/// PeriodElapsed fires at every period boundary time passes (the simulated plant steps there),
/// also for boundaries crossed while the loop was busy (Spend), which then collapse into one
/// pending tick, as with PeriodicTimer.
/// </summary>
public sealed class VirtualClock : ILoopClock
{
    private long _boundaries;
    private bool _tickPending;

    public VirtualClock(TimeSpan period)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), "the period must be positive");
        Period = period;
    }

    public TimeSpan Period { get; }
    public TimeSpan Now { get; private set; }
    /// <summary>Raised once per period boundary, in order.</summary>
    public event Action? PeriodElapsed;

    public ValueTask WaitForNextTickAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (!_tickPending) AdvanceTo(Boundary(_boundaries + 1));
        _tickPending = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>Time passing while the loop works (a slow controller, a slow bus).</summary>
    public void Spend(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration));
        AdvanceTo(Now + duration);
    }

    private void AdvanceTo(TimeSpan time)
    {
        while (Boundary(_boundaries + 1) <= time)
        {
            _boundaries++;
            Now = Boundary(_boundaries);
            _tickPending = true;
            PeriodElapsed?.Invoke();
        }
        Now = time;
    }

    private TimeSpan Boundary(long index) => TimeSpan.FromTicks(Period.Ticks * index);
}
