namespace EdgeToolkit.Control.Plants;

/// <summary>
/// A plant for closed-loop use: one Step per control period. The command passes through the
/// actuator chain (delay, saturation, rate limit), the dynamics are integrated over the period,
/// and the measured outputs (with seeded sensor noise) at the end of the period come back.
/// </summary>
public interface IPlant
{
    PlantSpec Spec { get; }
    /// <summary>Back to the initial state, actuators at their initial values, noise generator reseeded.</summary>
    void Reset(int noiseSeed);
    /// <summary>Applies command u(k) over one period and returns the measurement y(k+1).</summary>
    double[] Step(ReadOnlySpan<double> command);
    /// <summary>The latest measurement (after Reset: the measurement of the initial state).</summary>
    IReadOnlyList<double> Measured { get; }
    /// <summary>The latest noise-free outputs.</summary>
    IReadOnlyList<double> TrueOutputs { get; }
    /// <summary>Internal state (copy; names in StateNames).</summary>
    double[] State { get; }
    IReadOnlyList<string> StateNames { get; }
    /// <summary>The input actually applied over the last period.</summary>
    IReadOnlyList<double> AppliedInput { get; }
    /// <summary>Simulated time since Reset, seconds.</summary>
    double Time { get; }
}
