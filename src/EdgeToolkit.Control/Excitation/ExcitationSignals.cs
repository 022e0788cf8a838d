namespace EdgeToolkit.Control.Excitation;

public enum ExcitationKind { Chirp, RandomSteps, Prbs, Mix }

/// <summary>
/// Shape parameters of the excitation, chosen per plant so that the signals cover its bandwidth:
/// chirp frequencies (Hz), how long a random step is held, how long a PRBS bit lasts.
/// </summary>
public sealed record ExcitationOptions
{
    public double ChirpMinHz { get; init; } = 0.05;
    public double ChirpMaxHz { get; init; } = 5;
    public int MinHoldPeriods { get; init; } = 10;
    public int MaxHoldPeriods { get; init; } = 100;
    public int PrbsBitPeriods { get; init; } = 5;
    public int MinSegmentPeriods { get; init; } = 100;
    public int MaxSegmentPeriods { get; init; } = 400;
    /// <summary>
    /// Periods at the input's initial value before the signal starts: the plant's state after
    /// Reset (for the tendon, the play at zero, which no later state returns to) is where every
    /// closed-loop run starts, and otherwise appears in the data for a period or two per run.
    /// </summary>
    public int RestPeriods { get; init; }
    /// <summary>
    /// Commands move toward the signal by at most the input's slew rate per period, as every
    /// controller's commands do; the command window then holds what the actuator applies.
    /// </summary>
    public bool SlewLimited { get; init; }
}

/// <summary>
/// Seeded excitation signals for one input channel, always inside [lo, hi]; the same arguments
/// give the same signal. Amplitudes and levels are drawn per signal, so that runs cover small
/// and large moves.
/// </summary>
public static class ExcitationSignals
{
    public static double[] Generate(ExcitationKind kind, int length, double period, double lo, double hi, int seed, ExcitationOptions options) => kind switch
    {
        ExcitationKind.Chirp => Chirp(length, period, lo, hi, seed, options),
        ExcitationKind.RandomSteps => RandomSteps(length, lo, hi, seed, options),
        ExcitationKind.Prbs => Prbs(length, lo, hi, seed, options),
        ExcitationKind.Mix => Mix(length, period, lo, hi, seed, options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Linear chirp from f0 to f1 over the signal (f0, f1 log-uniform in the options' band),
    /// around a random centre with a random amplitude that keeps it inside [lo, hi].
    /// </summary>
    public static double[] Chirp(int length, double period, double lo, double hi, int seed, ExcitationOptions options)
    {
        var rng = new Random(seed);
        double fa = LogUniform(rng, options.ChirpMinHz, options.ChirpMaxHz), fb = LogUniform(rng, options.ChirpMinHz, options.ChirpMaxHz);
        double f0 = Math.Min(fa, fb), f1 = Math.Max(fa, fb);
        double half = (hi - lo) / 2, amplitude = half * (0.3 + 0.7 * rng.NextDouble());
        double centre = lo + amplitude + (2 * half - 2 * amplitude) * rng.NextDouble();
        double duration = Math.Max(length * period, period), phase = 2 * Math.PI * rng.NextDouble();
        var s = new double[length];
        for (int k = 0; k < length; k++)
        {
            double t = k * period;
            s[k] = Math.Clamp(centre + amplitude * Math.Sin(phase + 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration))), lo, hi);
        }
        return s;
    }

    /// <summary>Levels uniform in [lo, hi], each held a uniform number of periods in [MinHold, MaxHold].</summary>
    public static double[] RandomSteps(int length, double lo, double hi, int seed, ExcitationOptions options)
    {
        var rng = new Random(seed);
        var s = new double[length];
        for (int k = 0; k < length;)
        {
            double level = lo + (hi - lo) * rng.NextDouble();
            int hold = rng.Next(options.MinHoldPeriods, options.MaxHoldPeriods + 1);
            for (int j = 0; j < hold && k < length; j++, k++) s[k] = level;
        }
        return s;
    }

    /// <summary>
    /// Pseudo-random binary sequence from a 9-bit maximal-length LFSR (x^9 + x^5 + 1, period 511
    /// bits), seeded start state, each bit held BitPeriods periods, between two random levels
    /// at least a third of the range apart.
    /// </summary>
    public static double[] Prbs(int length, double lo, double hi, int seed, ExcitationOptions options)
    {
        var rng = new Random(seed);
        int state = rng.Next(1, 512);
        double span = hi - lo, gap = span * (1.0 / 3 + 2.0 / 3 * rng.NextDouble());
        double low = lo + (span - gap) * rng.NextDouble(), high = low + gap;
        var s = new double[length];
        int bit = state & 1;
        for (int k = 0; k < length; k++)
        {
            if (k % options.PrbsBitPeriods == 0)
            {
                int feedback = ((state >> 8) ^ (state >> 4)) & 1;
                state = ((state << 1) | feedback) & 0x1FF;
                bit = state & 1;
            }
            s[k] = bit == 1 ? high : low;
        }
        return s;
    }

    /// <summary>
    /// Segments of random length, each a chirp, random steps or PRBS; half of the segments add a
    /// small PRBS dither on top (clipped to the range).
    /// </summary>
    public static double[] Mix(int length, double period, double lo, double hi, int seed, ExcitationOptions options)
    {
        var rng = new Random(seed);
        var s = new double[length];
        for (int k = 0; k < length;)
        {
            int n = Math.Min(length - k, rng.Next(options.MinSegmentPeriods, options.MaxSegmentPeriods + 1));
            var kind = (ExcitationKind)rng.Next(0, 3);
            var segment = Generate(kind, n, period, lo, hi, rng.Next(), options);
            if (rng.NextDouble() < 0.5)
            {
                double d = 0.1 * (hi - lo);
                var dither = Prbs(n, -d, d, rng.Next(), options with { PrbsBitPeriods = Math.Max(1, options.PrbsBitPeriods / 2) });
                for (int j = 0; j < n; j++) segment[j] = Math.Clamp(segment[j] + dither[j], lo, hi);
            }
            Array.Copy(segment, 0, s, k, n);
            k += n;
        }
        return s;
    }

    /// <summary>
    /// The command sequence a run sends for a signal: RestPeriods at `initial`, then the signal,
    /// moved by at most maxStep per period from `initial` when SlewLimited (else as is).
    /// </summary>
    public static double[] Commands(double[] signal, double initial, double maxStep, ExcitationOptions options)
    {
        var s = (double[])signal.Clone();
        for (int k = 0; k < Math.Min(options.RestPeriods, s.Length); k++) s[k] = initial;
        if (!options.SlewLimited || double.IsInfinity(maxStep)) return s;
        double previous = initial;
        for (int k = 0; k < s.Length; k++) previous = s[k] = Math.Clamp(s[k], previous - maxStep, previous + maxStep);
        return s;
    }

    private static double LogUniform(Random rng, double a, double b) => Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * rng.NextDouble());
}
