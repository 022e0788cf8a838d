using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>How PidTuner searches. LoopGroups[l]: loops in one group share gains (symmetric loops); null: every loop its own.</summary>
public sealed record PidTuningOptions
{
    public int MaxEvaluations { get; init; } = 2000;
    /// <summary>Nelder-Mead starts: the Tyreus-Luyben gains and Starts - 1 seeded points around them.</summary>
    public int Starts { get; init; } = 6;
    public int NoiseSeed { get; init; } = 1;
    public int[]? LoopGroups { get; init; }
    /// <summary>Relay amplitude in the loop's command units (per unit of mix); null: a tenth of the first command's range.</summary>
    public double? RelayAmplitude { get; init; }
    /// <summary>The command the relay oscillates around; null: the settings' U0.</summary>
    public float[]? OperatingCommand { get; init; }
}

/// <summary>Per-loop gains and what the search found: the relay figures, the Tyreus-Luyben start and the costs.</summary>
public sealed record PidTuningResult(float[] Kp, float[] Ki, float[] Kd, float[] Tf, IReadOnlyList<RelayResult> Relay,
    ControllerSettings Start, double StartCost, double Cost, int Evaluations);

/// <summary>
/// Tunes the PID baseline: a relay experiment per loop group (Astrom-Hagglund), Tyreus-Luyben
/// gains as the start, then Nelder-Mead over ln(kp, ki, kd, tf) of every group on the mean, over
/// the references, of the normalised RMS tracking error (ClosedLoopResult.Normalised) on the
/// plant with the given noise seed. Use the benchmark's references: the PID gets its best chance.
/// </summary>
public static class PidTuner
{
    public static PidTuningResult Tune(Func<IPlant> createPlant, ControllerSettings settings, IReadOnlyList<ReferenceTrajectory> references,
        PidTuningOptions? options = null)
    {
        options ??= new PidTuningOptions();
        int loops = settings.PidLoops;
        var groups = options.LoopGroups ?? Enumerable.Range(0, loops).ToArray();
        if (groups.Length != loops) throw new ArgumentException($"LoopGroups has {groups.Length} entries for {loops} loops");
        int groupCount = groups.Max() + 1;
        var operating = options.OperatingCommand ?? settings.U0;
        double amplitude = options.RelayAmplitude ?? 0.1 * (settings.Hi[0] - settings.Lo[0]);

        var relay = new List<RelayResult>();
        var start = settings.Copy();
        for (int g = 0; g < groupCount; g++)
        {
            int loop = Array.IndexOf(groups, g);
            var r = RelayExperiment.Run(createPlant(), settings, loop, operating, amplitude, options.NoiseSeed);
            relay.Add(r);
            var (kp, ki, kd, tf) = RelayExperiment.TyreusLuyben(r);
            for (int l = 0; l < loops; l++)
                if (groups[l] == g) (start.Kp[l], start.Ki[l], start.Kd[l], start.Tf[l]) = (kp, ki, kd, tf);
        }

        var plant = createPlant();
        double Cost(ControllerSettings s) => references.Average(r => ClosedLoopSimulation.Run(plant, new PidLoopController(s), r, options.NoiseSeed).Normalised);
        ControllerSettings WithGains(double[] x)
        {
            var s = settings.Copy();
            for (int l = 0; l < loops; l++)
            {
                int b = 4 * groups[l];
                (s.Kp[l], s.Ki[l], s.Kd[l], s.Tf[l]) = ((float)Math.Exp(x[b]), (float)Math.Exp(x[b + 1]), (float)Math.Exp(x[b + 2]), (float)Math.Exp(x[b + 3]));
            }
            return s;
        }
        var x0 = new double[4 * groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            int l = Array.IndexOf(groups, g);
            x0[4 * g] = Math.Log(start.Kp[l]);
            x0[4 * g + 1] = Math.Log(start.Ki[l]);
            x0[4 * g + 2] = Math.Log(start.Kd[l]);
            x0[4 * g + 3] = Math.Log(Math.Max(start.Tf[l], settings.Period / 10));
        }
        double startCost = Cost(start);
        var (best, evaluations) = MultiStartMinimize(x => Cost(WithGains(x)), x0, options);
        var tuned = WithGains(best.X);
        return new PidTuningResult(tuned.Kp, tuned.Ki, tuned.Kd, tuned.Tf, relay, start, startCost, best.Value, evaluations + 1);
    }

    /// <summary>
    /// Nelder-Mead finds a local minimum: start it from x0 and from Starts - 1 seeded points
    /// within e^2 of it (in ln gains), then restart from the best with a fresh, smaller simplex
    /// while that still gains 0.5% (a collapsed simplex often stops short).
    /// </summary>
    private static (NelderMead.Result Best, int Evaluations) MultiStartMinimize(Func<double[], double> cost, double[] x0, PidTuningOptions options)
    {
        var random = new Random(options.NoiseSeed);
        int perStart = options.MaxEvaluations / (2 * options.Starts);
        NelderMead.Result? best = null;
        int evaluations = 0;
        for (int attempt = 0; attempt < options.Starts; attempt++)
        {
            var from = attempt == 0 ? x0 : x0.Select(v => v + 4 * random.NextDouble() - 2).ToArray();
            var found = NelderMead.Minimize(cost, from, Enumerable.Repeat(0.7, x0.Length).ToArray(), perStart, 1e-5);
            evaluations += found.Evaluations;
            if (best == null || found.Value < best.Value) best = found;
        }
        while (evaluations < options.MaxEvaluations)
        {
            var next = NelderMead.Minimize(cost, best!.X, Enumerable.Repeat(0.3, x0.Length).ToArray(), options.MaxEvaluations - evaluations, 1e-5);
            evaluations += next.Evaluations;
            bool gained = next.Value < 0.995 * best.Value;
            if (next.Value < best.Value) best = next;
            if (!gained) break;
        }
        return (best!, evaluations);
    }
}
