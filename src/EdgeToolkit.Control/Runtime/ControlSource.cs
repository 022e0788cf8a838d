namespace EdgeToolkit.Control.Runtime;

/// <summary>Which controller produced a command (the same values as etk_nr_source in C).</summary>
public enum ControlSource { Newton = 0, FallbackSensor = 1, FallbackMismatch = 2, FallbackSingular = 3, FallbackDiverged = 4 }

/// <summary>The counters of docs/controller.md.</summary>
public sealed class ControllerCounters
{
    public long Steps { get; set; }
    public long Fallbacks { get; set; }
    public long FallbackSensor { get; set; }
    public long FallbackMismatch { get; set; }
    public long FallbackSingular { get; set; }
    public long FallbackDiverged { get; set; }
    public long SensorFaults { get; set; }
    public long NewtonIterations { get; set; }
    public long SaturatedSteps { get; set; }
}
