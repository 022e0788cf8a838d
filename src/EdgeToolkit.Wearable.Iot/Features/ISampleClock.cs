using System.Diagnostics;

namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>The sampling time base: virtual in simulation (no waiting), wall-clock on a board.</summary>
public interface ISampleClock
{
    /// <summary>Seconds since the sensed day began.</summary>
    double Seconds { get; }
    /// <summary>Returns at (or just after) the given time.</summary>
    void WaitUntil(double seconds);
}

/// <summary>Time jumps to each requested instant at once: a simulated day costs only the CPU of its reads.</summary>
public sealed class VirtualSampleClock : ISampleClock
{
    public double Seconds { get; private set; }
    public void WaitUntil(double seconds) { if (seconds > Seconds) Seconds = seconds; }
}

/// <summary>Wall-clock time for real sensors: sleeps for long waits, spins for the last millisecond.</summary>
public sealed class RealTimeSampleClock : ISampleClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    public double Seconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public void WaitUntil(double seconds)
    {
        double wait = seconds - Seconds;
        if (wait > 0.002) Thread.Sleep(TimeSpan.FromSeconds(wait - 0.001));
        while (Seconds < seconds) Thread.SpinWait(20);
    }
}
