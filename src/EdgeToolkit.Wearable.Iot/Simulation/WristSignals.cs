using System.Numerics;

namespace EdgeToolkit.Wearable.Iot.Simulation;

/// <summary>
/// The physical signals at the wrist for a minute schedule, at any instant of the day:
/// acceleration (gravity along the wrist's orientation, a 160 ms half-sine jolt along it per step,
/// arm movements as orientation changes (fidgeting; arm work as intense as the minute's level), 4 mg of sensor noise per axis) and the PPG front end's
/// output voltage (one pulse per beat: a systolic peak and a smaller dicrotic wave, slow baseline
/// wander, 1 mV of noise; off the wrist only ambient light; poor contact a pulse too weak to use).
/// Motion artefacts on the PPG are not modelled.
/// </summary>
public sealed class WristSignals
{
    private const double StepJoltSeconds = 0.16, AccelNoiseG = 0.004, PpgNoiseVolts = 0.001;
    private readonly MinutePlan[] _plan;
    private readonly double[] _stepPhase, _beatsBefore, _tilt, _azimuth, _motionPhase;
    private readonly Random _noise;

    public WristSignals(MinutePlan[] plan, int seed)
    {
        _plan = plan;
        var rng = new Random(seed);
        _noise = new Random(unchecked(seed * 31 + 7));
        int n = plan.Length;
        _stepPhase = new double[n]; _beatsBefore = new double[n + 1]; _tilt = new double[n]; _azimuth = new double[n]; _motionPhase = new double[n];
        for (int m = 0; m < n; m++)
        {
            _stepPhase[m] = rng.NextDouble();
            _tilt[m] = plan[m].Kind == MinuteKind.OffWrist ? 0 : 0.3 + 1.2 * rng.NextDouble();
            _azimuth[m] = 2 * Math.PI * rng.NextDouble();
            _motionPhase[m] = 2 * Math.PI * rng.NextDouble();
            // Beats run on continuously, so a pulse never restarts at a minute boundary.
            _beatsBefore[m + 1] = _beatsBefore[m] + (plan[m].HasPulse ? plan[m].HeartRate : 0);
        }
    }

    public IReadOnlyList<MinutePlan> Plan => _plan;

    /// <summary>Acceleration in g on the sensor's axes at time t (seconds into the day).</summary>
    public Vector3 Acceleration(double t)
    {
        var (m, tau) = Locate(t);
        var p = _plan[m];
        double tilt = _tilt[m], azimuth = _azimuth[m];
        if (p.ArmWork)
        {
            // Mean change per 25 Hz sample of a tilt swing of amplitude A at f Hz is about 0.16 A f g: about
            // 0.16-0.19 g (light), 0.38-0.43 g (moderate), 0.73-0.80 g (very), steps adding up to 0.1 g.
            var (a, f, b, g) = p.Kind switch
            {
                MinuteKind.Light => (0.8, 1.2, 0.3, 0.8),
                MinuteKind.Moderate => (1.0, 2.4, 0.3, 1.0),
                _ => (1.3, 3.5, 0.4, 1.0),
            };
            tilt += a * Math.Sin(2 * Math.PI * f * tau + _motionPhase[m]);
            azimuth += b * Math.Sin(2 * Math.PI * g * tau + 2 * _motionPhase[m]);
        }
        else if (p.Fidgets)
        {
            tilt += 0.5 * Math.Sin(2 * Math.PI * 0.7 * tau + _motionPhase[m]);
            azimuth += 0.4 * Math.Sin(2 * Math.PI * 0.45 * tau + 2 * _motionPhase[m]);
        }
        double magnitude = 1 + StepJolt(p, m, tau);
        var gravity = new Vector3((float)(Math.Sin(tilt) * Math.Cos(azimuth)), (float)(Math.Sin(tilt) * Math.Sin(azimuth)), (float)Math.Cos(tilt));
        return gravity * (float)magnitude + new Vector3((float)Normal(AccelNoiseG), (float)Normal(AccelNoiseG), (float)Normal(AccelNoiseG));
    }

    /// <summary>PPG front-end output in volts at time t.</summary>
    public double PulseVolts(double t)
    {
        var (m, tau) = Locate(t);
        var p = _plan[m];
        if (p.Kind == MinuteKind.OffWrist) return 0.05 + Normal(PpgNoiseVolts);
        double beats = _beatsBefore[m] + (p.HasPulse ? p.HeartRate / 60.0 * tau : 0.3 * tau);
        double amplitude = p.HasPulse ? 0.25 : 0.003;
        return 0.9 + amplitude * PulseShape(beats - Math.Floor(beats)) + 0.005 * Math.Sin(2 * Math.PI * 0.25 * t) + Normal(PpgNoiseVolts);
    }

    private (int Minute, double Tau) Locate(double t)
    {
        int m = Math.Clamp((int)Math.Floor(t / 60), 0, _plan.Length - 1);
        return (m, t - 60 * m);
    }

    /// <summary>Steps evenly spaced through the minute from a random phase; the jolt of the step in progress.</summary>
    private double StepJolt(MinutePlan p, int m, double tau)
    {
        if (p.Steps <= 0) return 0;
        double interval = 60.0 / p.Steps;
        double u = tau / interval - _stepPhase[m];
        if (u < 0) return 0;
        int k = (int)Math.Floor(u);
        if (k >= p.Steps) return 0;
        double since = (u - k) * interval;
        double amplitude = p.Steps >= 120 ? 1.3 : 0.8; // running lands harder than walking
        return since < StepJoltSeconds ? amplitude * Math.Sin(Math.PI * since / StepJoltSeconds) : 0;
    }

    /// <summary>One beat over phase 0..1: systolic peak at 0.2, dicrotic wave at 0.55 (circular distances).</summary>
    private static double PulseShape(double phase)
    {
        static double Bump(double x, double centre, double width)
        {
            double d = Math.Abs(x - centre);
            d = Math.Min(d, 1 - d);
            return Math.Exp(-0.5 * d * d / (width * width));
        }
        return Bump(phase, 0.2, 0.12) + 0.3 * Bump(phase, 0.55, 0.08);
    }

    private double Normal(double sigma)
    {
        double u1 = 1.0 - _noise.NextDouble(), u2 = _noise.NextDouble();
        return sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
