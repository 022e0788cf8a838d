namespace EdgeToolkit.Control.Iot.Loop;

public static class LoopPeriod
{
    /// <summary>A controller's float period as a whole number of ticks (0.02f is 0.0199999996 s, which is 200,000 ticks, not 199,999).</summary>
    public static TimeSpan Of(float seconds) => TimeSpan.FromTicks((long)Math.Round((double)seconds * TimeSpan.TicksPerSecond));
}
