using EdgeToolkit.Control.Simulation;

namespace EdgeToolkit.Control.Plants;

/// <summary>Parameters of the tendon-driven finger (SI inside; outputs in mm and N).</summary>
public sealed record TendonParameters
{
    public double Period { get; init; } = 0.01;          // s (100 Hz)
    public int SubSteps { get; init; } = 4;
    public int DelayPeriods { get; init; } = 1;
    public double CommandRate { get; init; } = 4.0;      // full scale (1.0) per second at most -> 0.04 per period
    public double MotorTimeConstant { get; init; } = 0.04; // s, first-order motor position loop
    public double SpoolStroke { get; init; } = 0.020;    // m of tendon pulled at command 1.0
    public double PlayHalfWidth { get; init; } = 0.0015; // m, sheath slack/friction (play operator)
    public double TendonStiffness { get; init; } = 2000; // N/m
    public double TensionSaturation { get; init; } = 15; // N, tanh saturation of tendon force
    public double MomentArm { get; init; } = 0.008;      // m, tendon offset from the backbone
    public double BendStiffness { get; init; } = 0.10;   // N m / rad
    public double BendStiffnessCubic { get; init; } = 0.02; // N m / rad^3 (stiffening backbone)
    public double BendInertia { get; init; } = 6.3e-4;   // kg m^2
    public double BendDamping { get; init; } = 0.005;    // N m s / rad
    public double Length { get; init; } = 0.100;         // m, finger length
    public double TipNoise { get; init; } = 0.0001;      // m (0.1 mm)
    public double TensionNoise { get; init; } = 0.05;    // N
}

/// <summary>
/// A two-tendon continuum finger: each motor pulls one tendon that bends the finger in its own
/// plane (x or y). Motor command -> first-order motor -> play operator (slack, friction:
/// hysteresis) -> tendon stretch -> saturating tension -> bending dynamics with a stiffening
/// backbone -> constant-curvature tip position. Inputs: two motor commands in [0, 1]; outputs:
/// tip x, tip y (mm) and total tendon tension (N).
/// </summary>
public sealed class TendonPlant : SimulatedPlant
{
    private readonly PlayOperator[] _play;
    public TendonParameters Parameters { get; }

    public TendonPlant(TendonParameters? parameters = null) : this(parameters ?? new TendonParameters(), 0) { }

    private TendonPlant(TendonParameters p, int _) : base(SpecOf(p),
        new[] { "motor1", "motor2", "bend_x_rad", "bend_y_rad", "bend_x_rate", "bend_y_rate" })
    {
        Parameters = p;
        _play = new[] { new PlayOperator(p.PlayHalfWidth), new PlayOperator(p.PlayHalfWidth) };
        Reset(0);
    }

    public static PlantSpec SpecOf(TendonParameters p) => new("tendon",
        "two-tendon continuum finger with slack hysteresis and saturating tension", p.Period, p.SubSteps, p.DelayPeriods,
        new[]
        {
            new InputChannel("motor1", "fraction", 0, 1, p.CommandRate),
            new InputChannel("motor2", "fraction", 0, 1, p.CommandRate),
        },
        new[]
        {
            new OutputChannel("tip_x", "mm", 0, 55, p.TipNoise * 1000),
            new OutputChannel("tip_y", "mm", 0, 55, p.TipNoise * 1000),
            new OutputChannel("tension", "N", 0, 2 * p.TensionSaturation, p.TensionNoise),
        });

    /// <summary>The play operators' current outputs (tendon pull past the slack, m).</summary>
    public IReadOnlyList<double> TendonPull => _play.Select(o => o.Output).ToArray();

    protected override void ResetInternal() { foreach (var o in _play) o.Reset(0); }

    protected override void InitialState(Span<double> x) => x.Clear();

    private double Tension(int i, double motor, double bend)
    {
        var p = Parameters;
        double pull = _play[i].Peek(motor * p.SpoolStroke);
        double stretch = Math.Max(0, pull - p.MomentArm * bend);
        return p.TensionSaturation * Math.Tanh(p.TendonStiffness * stretch / p.TensionSaturation);
    }

    protected override void Derivative(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> dx)
    {
        var p = Parameters;
        for (int i = 0; i < 2; i++)
        {
            double motor = x[i], bend = x[2 + i], rate = x[4 + i];
            dx[i] = (u[i] - motor) / p.MotorTimeConstant;
            double torque = p.MomentArm * Tension(i, motor, bend) - p.BendStiffness * bend
                - p.BendStiffnessCubic * bend * bend * bend - p.BendDamping * rate;
            dx[2 + i] = rate;
            dx[4 + i] = torque / p.BendInertia;
        }
    }

    protected override void AfterSubStep(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < 2; i++) _play[i].Update(x[i] * Parameters.SpoolStroke);
    }

    protected override void Outputs(ReadOnlySpan<double> x, Span<double> y)
    {
        var p = Parameters;
        double ax = x[2], ay = x[3];
        double beta2 = ax * ax + ay * ay;
        // Constant curvature: radial tip offset L (1 - cos b) / b along (ax, ay)/b; (1 - cos b)/b^2 by series near 0.
        double g = beta2 < 1e-6 ? 0.5 - beta2 / 24 : (1 - Math.Cos(Math.Sqrt(beta2))) / beta2;
        y[0] = 1000 * p.Length * g * ax;
        y[1] = 1000 * p.Length * g * ay;
        y[2] = Tension(0, x[0], ax) + Tension(1, x[1], ay);
    }
}
