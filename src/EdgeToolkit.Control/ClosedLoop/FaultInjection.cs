using EdgeToolkit.Control.Simulation;

namespace EdgeToolkit.Control.ClosedLoop;

public enum FaultKind
{
    /// <summary>The reading freezes at its value when the fault starts (a sensor that stopped updating).</summary>
    SensorStale,
    /// <summary>The reading is 0 (a dropped-out sensor read as zero).</summary>
    SensorZero,
    /// <summary>The reading is NaN.</summary>
    SensorNaN,
    /// <summary>Extra Gaussian noise of Magnitude times the output's sensor noise.</summary>
    NoiseBurst,
    /// <summary>The actuator keeps the command it had when the fault started, whatever is commanded.</summary>
    StuckActuator,
}

/// <summary>One fault from Start for Duration seconds, on one channel (output or command) or all (Channel = -1).</summary>
public sealed record Fault(FaultKind Kind, double Start, double Duration, int Channel = -1, double Magnitude = 0)
{
    public bool ActiveAt(double t) => t >= Start - 1e-9 && t < Start + Duration - 1e-9;
    public bool Covers(int channel) => Channel < 0 || Channel == channel;
}

/// <summary>
/// Applies scheduled faults between plant and controller: sensor faults to the reading the
/// controller sees (the plant itself is untouched, so the tracking error stays measured on the
/// true outputs), actuator faults to the command the plant receives. Seeded: the same schedule
/// and seed give the same noise bursts.
/// </summary>
public sealed class FaultInjection
{
    private readonly Fault[] _faults;
    private readonly int _seed;
    private readonly Dictionary<int, double[]> _frozen = new();
    private GaussianNoise _noise;

    public FaultInjection(IEnumerable<Fault> faults, int seed = 7)
    {
        _faults = faults.ToArray();
        _seed = seed;
        _noise = new GaussianNoise(seed);
    }

    public IReadOnlyList<Fault> Faults => _faults;
    /// <summary>When the last fault is over, seconds.</summary>
    public double End => _faults.Length == 0 ? 0 : _faults.Max(f => f.Start + f.Duration);

    /// <summary>
    /// The standard scenario: NaN readings at 1.5 s (0.2 s), zero readings at 3 s (0.2 s), a stale
    /// sensor at 4.5 s (0.3 s), all actuators stuck at 6 s (0.5 s), a noise burst of 30x the sensor
    /// noise at 7.5 s (0.5 s). Over at 8 s; every standard reference lasts at least 12.4 s.
    /// </summary>
    public static IReadOnlyList<Fault> Standard { get; } =
    [
        new(FaultKind.SensorNaN, 1.5, 0.2),
        new(FaultKind.SensorZero, 3.0, 0.2),
        new(FaultKind.SensorStale, 4.5, 0.3),
        new(FaultKind.StuckActuator, 6.0, 0.5),
        new(FaultKind.NoiseBurst, 7.5, 0.5, Magnitude: 30),
    ];

    public void Reset()
    {
        _frozen.Clear();
        _noise = new GaussianNoise(_seed);
    }

    /// <summary>The reading the controller gets at time t (noiseStd: each output's sensor noise).</summary>
    public void CorruptReading(double t, IReadOnlyList<double> noiseStd, Span<float> reading)
    {
        for (int f = 0; f < _faults.Length; f++)
        {
            var fault = _faults[f];
            if (fault.Kind == FaultKind.StuckActuator) continue;
            if (!fault.ActiveAt(t)) { _frozen.Remove(f); continue; }
            if (fault.Kind == FaultKind.SensorStale && !_frozen.ContainsKey(f)) _frozen[f] = reading.ToArray().Select(v => (double)v).ToArray();
            for (int o = 0; o < reading.Length; o++)
            {
                if (!fault.Covers(o)) continue;
                reading[o] = fault.Kind switch
                {
                    FaultKind.SensorStale => (float)_frozen[f][o],
                    FaultKind.SensorZero => 0f,
                    FaultKind.SensorNaN => float.NaN,
                    FaultKind.NoiseBurst => reading[o] + (float)(fault.Magnitude * noiseStd[o] * _noise.Next()),
                    _ => reading[o],
                };
            }
        }
    }

    /// <summary>The command the plant receives at time t (lastApplied: what it received the period before).</summary>
    public void Actuate(double t, IReadOnlyList<double> lastApplied, Span<double> command)
    {
        for (int f = 0; f < _faults.Length; f++)
        {
            var fault = _faults[f];
            if (fault.Kind != FaultKind.StuckActuator) continue;
            if (!fault.ActiveAt(t)) { _frozen.Remove(f); continue; }
            if (!_frozen.ContainsKey(f)) _frozen[f] = lastApplied.ToArray();
            for (int i = 0; i < command.Length; i++)
                if (fault.Covers(i)) command[i] = _frozen[f][i];
        }
    }
}
