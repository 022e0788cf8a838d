namespace EdgeToolkit.Control.Plants;

/// <summary>Parameters of the mass-spring-damper (SI units). Defaults are the documented plant.</summary>
public sealed record MassSpringDamperParameters
{
    public double Mass { get; init; } = 1.0;            // kg
    public double Stiffness { get; init; } = 20.0;      // N/m
    public double Damping { get; init; } = 4.0;         // N s/m
    public double Period { get; init; } = 0.02;         // s (50 Hz)
    public int SubSteps { get; init; } = 4;
    public int DelayPeriods { get; init; } = 1;
    public double ForceLimit { get; init; } = 10.0;     // N, symmetric
    public double ForceRate { get; init; } = 500.0;     // N/s
    public double PositionNoise { get; init; } = 0.0005; // m
    public double VelocityNoise { get; init; } = 0.002;  // m/s
    public double InitialPosition { get; init; }
    public double InitialVelocity { get; init; }
}

/// <summary>
/// m x'' + c x' + k x = F. One input (force F, N), two measured outputs (position x, m;
/// velocity v, m/s). Linear: the reference plant for hand-checked tests.
/// </summary>
public sealed class MassSpringDamper : SimulatedPlant
{
    public MassSpringDamperParameters Parameters { get; }

    public MassSpringDamper(MassSpringDamperParameters? parameters = null) : this(parameters ?? new MassSpringDamperParameters(), 0) { }

    private MassSpringDamper(MassSpringDamperParameters p, int _) : base(SpecOf(p), new[] { "position", "velocity" }) { Parameters = p; Reset(0); }

    public static PlantSpec SpecOf(MassSpringDamperParameters p)
    {
        double staticMax = p.ForceLimit / p.Stiffness;
        return new PlantSpec("msd", "mass-spring-damper, force in, position and velocity out", p.Period, p.SubSteps, p.DelayPeriods,
            new[] { new InputChannel("force", "N", -p.ForceLimit, p.ForceLimit, p.ForceRate) },
            new[]
            {
                new OutputChannel("position", "m", -1.2 * staticMax, 1.2 * staticMax, p.PositionNoise),
                new OutputChannel("velocity", "m/s", -p.ForceLimit / p.Damping, p.ForceLimit / p.Damping, p.VelocityNoise),
            });
    }

    protected override void InitialState(Span<double> x) { x[0] = Parameters.InitialPosition; x[1] = Parameters.InitialVelocity; }

    protected override void Derivative(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> dx)
    {
        var p = Parameters;
        dx[0] = x[1];
        dx[1] = (u[0] - p.Damping * x[1] - p.Stiffness * x[0]) / p.Mass;
    }

    protected override void Outputs(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; y[1] = x[1]; }
}
