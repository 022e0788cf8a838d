namespace EdgeToolkit.Control.Plants;

/// <summary>
/// One actuator input: physical unit, hard limits (saturation) and slew-rate limit. A command
/// outside [Min, Max] is clipped; the applied value moves at most RatePerSecond * period per
/// control period (PositiveInfinity: no rate limit).
/// </summary>
public sealed record InputChannel(string Name, string Unit, double Min, double Max, double RatePerSecond, double Initial = 0)
{
    public double Clamp(double v) => Math.Clamp(v, Min, Max);
}

/// <summary>One measured output: unit, typical range over the excitation used for training, sensor noise (standard deviation).</summary>
public sealed record OutputChannel(string Name, string Unit, double TypicalMin, double TypicalMax, double NoiseStd);

/// <summary>
/// What a controller must know about a plant: the control period, its whole-period input
/// delay, integration sub-steps, and the input and output channels in order.
/// </summary>
public sealed record PlantSpec(string Name, string Description, double Period, int SubSteps, int DelayPeriods,
    IReadOnlyList<InputChannel> Inputs, IReadOnlyList<OutputChannel> Outputs)
{
    public int InputCount => Inputs.Count;
    public int OutputCount => Outputs.Count;
}
