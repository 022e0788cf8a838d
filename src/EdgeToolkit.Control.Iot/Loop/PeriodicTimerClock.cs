using System.Diagnostics;

namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>Wall-clock ticks for a real board: PeriodicTimer, and a Stopwatch for Now.</summary>
public sealed class PeriodicTimerClock : ILoopClock, IDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public PeriodicTimerClock(TimeSpan period) { Period = period; _timer = new PeriodicTimer(period); }

    public TimeSpan Period { get; }
    public TimeSpan Now => _since.Elapsed;

    public async ValueTask WaitForNextTickAsync(CancellationToken cancellation)
    {
        if (!await _timer.WaitForNextTickAsync(cancellation)) throw new OperationCanceledException("the loop's timer was disposed");
    }

    public void Dispose() => _timer.Dispose();
}
