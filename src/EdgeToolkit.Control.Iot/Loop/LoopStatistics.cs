namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>What a run of the loop did: periods, overruns, bus failures, and the work time per period.</summary>
public sealed class LoopStatistics
{
    public long Periods { get; internal set; }
    /// <summary>Periods whose work (read, compute, write) took longer than the period, so a tick was missed.</summary>
    public long Overruns { get; internal set; }
    /// <summary>Periods whose reading failed on the bus and went to the controller as NaN.</summary>
    public long SensorFailures { get; internal set; }
    /// <summary>Periods whose command did not reach the actuator (it kept the previous one).</summary>
    public long ActuatorFailures { get; internal set; }
    public TimeSpan MaxWork { get; internal set; }
    public TimeSpan TotalWork { get; internal set; }
    public TimeSpan MeanWork => Periods == 0 ? TimeSpan.Zero : TotalWork / Periods;
    /// <summary>False when the safe command (the initial one) could not be written on the way out.</summary>
    public bool StoppedSafely { get; internal set; }
}
