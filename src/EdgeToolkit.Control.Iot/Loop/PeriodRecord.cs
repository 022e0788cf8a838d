using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>One period as the loop saw it (spans into the loop's buffers: copy what you keep).</summary>
public readonly ref struct PeriodRecord
{
    public long Period { get; init; }
    /// <summary>Clock time when the period's work started.</summary>
    public TimeSpan Start { get; init; }
    public TimeSpan Work { get; init; }
    public ReadOnlySpan<float> Measured { get; init; }
    /// <summary>Horizon rows of M references, for y(k+D+1) onwards.</summary>
    public ReadOnlySpan<float> Reference { get; init; }
    public ReadOnlySpan<float> Command { get; init; }
    public ControlSource Source { get; init; }
    public bool SensorFailed { get; init; }
    public bool ActuatorFailed { get; init; }
}

public delegate void PeriodObserver(in PeriodRecord record);
