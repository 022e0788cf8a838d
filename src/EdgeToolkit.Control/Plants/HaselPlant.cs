namespace EdgeToolkit.Control.Plants;

/// <summary>Parameters of the HASEL-driven platform (SI inside; voltages in kV, outputs in mm and degrees).</summary>
public sealed record HaselParameters
{
    public double Period { get; init; } = 0.01;           // s (100 Hz)
    public int SubSteps { get; init; } = 4;
    public int DelayPeriods { get; init; } = 1;
    public double MaxVoltage { get; init; } = 8.0;        // kV
    public double VoltageRate { get; init; } = 40.0;      // kV/s -> 0.4 kV per period
    public double DriveVoltage { get; init; } = 6.0;      // kV: drive = tanh((V / V0)^2), quadratic then saturating
    public double MaxStroke { get; init; } = 0.004;       // m, fully zipped actuator
    public double ContractTimeConstant { get; init; } = 0.12; // s, fluid pushed into the zipped pouch
    public double RelaxTimeConstant { get; init; } = 0.35;    // s, slower return when the field drops
    public double MountRadius { get; init; } = 0.040;     // m, actuators on a circle under the platform
    public double MountStiffness { get; init; } = 40;     // N/m per actuator
    public double MountStiffnessCubic { get; init; } = 7.5e5; // N/m^3 per actuator (stiffening pouch)
    public double PlatformMass { get; init; } = 0.1;      // kg
    public double HeaveDamping { get; init; } = 4.9;      // N s/m
    public double TiltDamping { get; init; } = 0.0039;    // N m s/rad
    public double HeightNoise { get; init; } = 0.00001;   // m (0.01 mm)
    public double TiltNoiseDegrees { get; init; } = 0.01;
}

/// <summary>
/// A platform on six HASEL actuators at 60 degree spacing. Voltage -> drive tanh((V/V0)^2)
/// (electrostatic pressure grows with V^2 and saturates once the pouch is zipped) -> stroke with
/// slow, asymmetric first-order dynamics -> compliant mounts (cubic springs) -> platform heave,
/// roll and pitch (rigid body, gravity preload removed). Inputs: six voltages in [0, 8] kV;
/// outputs: height (mm), roll and pitch (degrees).
/// </summary>
public sealed class HaselPlant : SimulatedPlant
{
    public const int Actuators = 6;
    private readonly double[] _mountX = new double[Actuators], _mountY = new double[Actuators];
    private readonly double _tiltInertia;
    public HaselParameters Parameters { get; }

    public HaselPlant(HaselParameters? parameters = null) : this(parameters ?? new HaselParameters(), 0) { }

    private HaselPlant(HaselParameters p, int _) : base(SpecOf(p), StateNamesOf())
    {
        Parameters = p;
        for (int i = 0; i < Actuators; i++)
        {
            double a = 2 * Math.PI * i / Actuators;
            _mountX[i] = p.MountRadius * Math.Cos(a);
            _mountY[i] = p.MountRadius * Math.Sin(a);
        }
        _tiltInertia = p.PlatformMass * p.MountRadius * p.MountRadius / 2; // uniform disc
        Reset(0);
    }

    private static string[] StateNamesOf() =>
        Enumerable.Range(1, Actuators).Select(i => $"stroke{i}").Concat(new[] { "height", "roll", "pitch", "height_rate", "roll_rate", "pitch_rate" }).ToArray();

    public static PlantSpec SpecOf(HaselParameters p) => new("hasel",
        "platform on six electrohydraulic (HASEL) actuators", p.Period, p.SubSteps, p.DelayPeriods,
        Enumerable.Range(1, Actuators).Select(i => new InputChannel($"voltage{i}", "kV", 0, p.MaxVoltage, p.VoltageRate)).ToArray(),
        new[]
        {
            new OutputChannel("height", "mm", 0, p.MaxStroke * 1000, p.HeightNoise * 1000),
            new OutputChannel("roll", "deg", -4, 4, p.TiltNoiseDegrees),
            new OutputChannel("pitch", "deg", -4, 4, p.TiltNoiseDegrees),
        });

    /// <summary>Normalised electrostatic drive of one actuator, 0..1.</summary>
    public double Drive(double kilovolts)
    {
        double r = kilovolts / Parameters.DriveVoltage;
        return Math.Tanh(r * r);
    }

    protected override void InitialState(Span<double> x) => x.Clear();

    protected override void Derivative(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> dx)
    {
        var p = Parameters;
        double z = x[6], roll = x[7], pitch = x[8];
        double force = 0, rollTorque = 0, pitchTorque = 0;
        for (int i = 0; i < Actuators; i++)
        {
            double target = p.MaxStroke * Drive(u[i]);
            double tau = target > x[i] ? p.ContractTimeConstant : p.RelaxTimeConstant;
            dx[i] = (target - x[i]) / tau;
            // Mount compression: actuator top minus the platform point above it (small angles).
            double d = x[i] - (z + _mountY[i] * roll - _mountX[i] * pitch);
            double f = p.MountStiffness * d + p.MountStiffnessCubic * d * d * d;
            force += f; rollTorque += _mountY[i] * f; pitchTorque -= _mountX[i] * f;
        }
        dx[6] = x[9]; dx[7] = x[10]; dx[8] = x[11];
        dx[9] = (force - p.HeaveDamping * x[9]) / p.PlatformMass;
        dx[10] = (rollTorque - p.TiltDamping * x[10]) / _tiltInertia;
        dx[11] = (pitchTorque - p.TiltDamping * x[11]) / _tiltInertia;
    }

    protected override void Outputs(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = 1000 * x[6];
        y[1] = x[7] * 180 / Math.PI;
        y[2] = x[8] * 180 / Math.PI;
    }
}
