using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>How the C test model misbehaves in a period (nr_model_fault in nr_linear_model.h).</summary>
public enum ModelFault : byte { None = 0, NaN = 1, NaNJacobian = 2, Huge = 3 }

/// <summary>
/// A controller scenario for the C test programs (nr_scenario in nr_scenario.h): settings, the
/// linear model y = A x + b, and per period the reading (open loop) or what is added to the
/// plant's output (closed loop: the plant is the same linear map), the references and a model fault.
/// </summary>
public sealed class NrScenario
{
    public required string Name { get; init; }
    public required ControllerSettings Settings { get; init; }
    /// <summary>m x n row-major.</summary>
    public required float[] A { get; init; }
    public required float[] B { get; init; }
    public bool ClosedLoop { get; init; }
    public float[] YStart { get; init; } = [];
    /// <summary>Per period, m values.</summary>
    public required float[][] Readings { get; init; }
    /// <summary>Per period, horizon x m values.</summary>
    public required float[][] Refs { get; init; }
    public ModelFault[]? Faults { get; init; }
    /// <summary>Time the last period on the boards.</summary>
    public bool Measure { get; init; }

    public int Steps => Readings.Length;
    public ModelFault FaultAt(int k) => Faults?[k] ?? ModelFault.None;
}

/// <summary>The PID alone (nr_pid_scenario): readings, first reference rows, and the command sent (NaN: the PID's own).</summary>
public sealed class NrPidScenario
{
    public required string Name { get; init; }
    public required ControllerSettings Settings { get; init; }
    public required float[][] Readings { get; init; }
    public required float[][] Refs { get; init; }
    public required float[][] Sent { get; init; }

    public int Steps => Readings.Length;
}
