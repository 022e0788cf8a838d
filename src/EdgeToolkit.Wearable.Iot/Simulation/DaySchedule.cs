using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot.Simulation;

/// <summary>
/// Turns a day's totals into a minute-by-minute schedule consistent with them: the night (asleep
/// runs with short awake bouts, time in bed = sleep / efficiency), then the waking day as shuffled
/// blocks of sedentary, light, moderate and very active minutes, and the minutes no total accounts
/// for as one off-wrist block (the generator's sedentary minutes exclude non-worn time). Heart
/// rates fill Fitbit's zones with the day's zone minutes, most intense activity first; steps are
/// spread over the active minutes so the day's total matches, each minute's cadence kept under
/// the next level (see ActivityRules) by more than a 10 s burst's counting step.
/// </summary>
public static class DaySchedule
{
    public const int Minutes = 1440;

    // Usual cadences (moderate: walking, very: brisk walking or running) and the most each level takes, kept
    // a burst's counting step (6 steps/min) under the next level's threshold in ActivityRules.
    private static readonly (int Usual, int Most) LightCadence = (0, 72), ModerateCadence = (88, 108), VeryCadence = (122, 180);

    public static MinutePlan[] Build(WearerProfile profile, WearerDay day, int seed)
    {
        var rng = new Random(seed);
        if (!day.Worn) return Enumerable.Repeat(new MinutePlan(MinuteKind.OffWrist, 0, double.NaN), Minutes).ToArray();

        int very = Count(day.VeryActiveMinutes), moderate = Count(day.ModeratelyActiveMinutes);
        int light = Count(day.LightlyActiveMinutes), sedentary = Count(day.SedentaryMinutes);
        int asleep = 0, awakeInBed = 0;
        if (day.SleepLogged)
        {
            asleep = Count(day.SleepMinutes);
            awakeInBed = Math.Max(0, (int)Math.Round(asleep / (day.SleepEfficiency!.Value / 100.0)) - asleep);
        }
        // The generator clamps each total on its own, so a few days book more than 1,440 minutes: trim the waking day.
        int over = asleep + awakeInBed + very + moderate + light + sedentary - Minutes;
        Trim(ref sedentary, ref over); Trim(ref light, ref over); Trim(ref moderate, ref over); Trim(ref very, ref over);
        int offWrist = Minutes - (asleep + awakeInBed + very + moderate + light + sedentary);

        var kinds = new List<MinuteKind>(Minutes);
        if (asleep > 0) kinds.AddRange(Night(asleep, awakeInBed, rng));
        else kinds.AddRange(Enumerable.Repeat(MinuteKind.OffWrist, offWrist)); // charging overnight: no sleep logged
        var blocks = new List<(MinuteKind Kind, int Length)>();
        Blocks(blocks, MinuteKind.Sedentary, sedentary, 15, 90, rng);
        Blocks(blocks, MinuteKind.Light, light, 5, 30, rng);
        Blocks(blocks, MinuteKind.Moderate, moderate, 5, 15, rng);
        Blocks(blocks, MinuteKind.Very, very, 20, 60, rng);
        if (asleep > 0 && offWrist > 0) blocks.Add((MinuteKind.OffWrist, offWrist)); // shower, charging
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(blocks));
        foreach (var (kind, length) in blocks) kinds.AddRange(Enumerable.Repeat(kind, length));

        var heartRates = HeartRates(profile, day, kinds, rng);
        var steps = Steps(Count(day.Steps), kinds);
        return kinds.Select((k, i) => new MinutePlan(k, steps[i], heartRates[i])).ToArray();
    }

    private static int Count(double? value) => (int)Math.Round(Math.Max(0, value ?? 0));

    private static void Trim(ref int minutes, ref int over)
    {
        int cut = Math.Clamp(over, 0, minutes);
        minutes -= cut; over -= cut;
    }

    /// <summary>Asleep runs separated by awake bouts of at most 10 minutes; the night starts and ends asleep.</summary>
    private static IEnumerable<MinuteKind> Night(int asleep, int awake, Random rng)
    {
        int bouts = awake == 0 ? 0 : (awake + 5) / 6;
        var awakeBouts = Composition(awake, bouts, rng);
        var asleepRuns = Composition(asleep, bouts + 1, rng);
        for (int i = 0; i <= bouts; i++)
        {
            for (int k = 0; k < asleepRuns[i]; k++) yield return MinuteKind.Asleep;
            if (i < bouts) for (int k = 0; k < awakeBouts[i]; k++) yield return MinuteKind.AwakeInBed;
        }
    }

    /// <summary>total split into parts positive integers (as even as a random cut allows).</summary>
    private static int[] Composition(int total, int parts, Random rng)
    {
        if (parts == 0) return [];
        var weights = Enumerable.Range(0, parts).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        double sum = weights.Sum();
        var result = new int[parts];
        int given = 0;
        for (int i = 0; i < parts; i++)
        {
            int share = i == parts - 1 ? total - given : Math.Max(1, (int)Math.Round(total * weights[i] / sum));
            share = Math.Min(share, total - given - (parts - 1 - i));
            result[i] = share; given += share;
        }
        return result;
    }

    private static void Blocks(List<(MinuteKind, int)> blocks, MinuteKind kind, int minutes, int min, int max, Random rng)
    {
        while (minutes > 0)
        {
            int length = Math.Min(minutes, rng.Next(min, max + 1));
            blocks.Add((kind, length));
            minutes -= length;
        }
    }

    /// <summary>
    /// Zone minutes handed out from the most intense minutes down: peak, cardio, fat burn, then
    /// out of range. Worn minutes beyond the zones' total lose their pulse (poor skin contact while
    /// sitting), as Fitbit leaves such minutes out of every zone.
    /// </summary>
    private static double[] HeartRates(WearerProfile profile, WearerDay day, List<MinuteKind> kinds, Random rng)
    {
        var hr = Enumerable.Repeat(double.NaN, kinds.Count).ToArray();
        double max = profile.MaxHeartRate, resting = day.RestingHeartRate ?? 62;
        double fatLo = 0.5 * max, cardioLo = 0.7 * max, peakLo = 0.85 * max;
        int peak = Count(day.PeakMinutes), cardio = Count(day.CardioMinutes), fat = Count(day.FatBurnMinutes), outOfRange = Count(day.OutOfRangeMinutes);

        var worn = Enumerable.Range(0, kinds.Count).Where(i => kinds[i] != MinuteKind.OffWrist).ToArray();
        rng.Shuffle(worn);
        var sedentary = worn.Where(i => kinds[i] == MinuteKind.Sedentary).ToArray();
        int poorContact = Math.Clamp(worn.Length - (peak + cardio + fat + outOfRange), 0, Math.Max(0, sedentary.Length - 30));
        var noPulse = sedentary.Take(poorContact).ToHashSet();

        var ranked = worn.Where(i => !noPulse.Contains(i)).OrderBy(i => Rank(kinds[i])).ToArray();
        for (int r = 0; r < ranked.Length; r++)
        {
            int i = ranked[r];
            hr[i] = r < peak ? Uniform(rng, peakLo + 3, Math.Max(peakLo + 4, Math.Min(max - 2, peakLo + 15)))
                : r < peak + cardio ? Uniform(rng, cardioLo + 3, peakLo - 3)
                : r < peak + cardio + fat ? Uniform(rng, fatLo + 3, cardioLo - 3)
                : Math.Min(fatLo - 3, resting + kinds[i] switch
                {
                    MinuteKind.Asleep => -Uniform(rng, 2, 6),
                    MinuteKind.AwakeInBed => Uniform(rng, 0, 4),
                    MinuteKind.Sedentary => Uniform(rng, -2, 2),
                    MinuteKind.Light => Uniform(rng, 8, 18),
                    _ => Uniform(rng, 15, 25),
                });
        }
        return hr;
    }

    private static int Rank(MinuteKind kind) => kind switch
    {
        MinuteKind.Very => 0, MinuteKind.Moderate => 1, MinuteKind.Light => 2, MinuteKind.Sedentary => 3, MinuteKind.AwakeInBed => 4, _ => 5,
    };

    private static double Uniform(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();

    /// <summary>
    /// Arm work shows every active minute's level, so steps only need to stay under the level's
    /// most. Moderate and very minutes get their usual cadence first (all scaled down together on
    /// a day with fewer steps than that), the rest of the day's steps fill every active minute
    /// towards its most by the same fraction; rounding is cumulative so the minutes add up.
    /// </summary>
    private static int[] Steps(int total, List<MinuteKind> kinds)
    {
        var usual = new double[kinds.Count];
        var most = new double[kinds.Count];
        for (int i = 0; i < kinds.Count; i++)
        {
            var range = kinds[i] switch
            {
                MinuteKind.Light => LightCadence,
                MinuteKind.Moderate => ModerateCadence,
                MinuteKind.Very => VeryCadence,
                _ => (0, 0),
            };
            (usual[i], most[i]) = range;
        }
        double sumUsual = usual.Sum(), sumMost = most.Sum();
        double scale = sumUsual > total ? total / sumUsual : 1;
        double fraction = total > sumUsual && sumMost > sumUsual ? Math.Min(1, (total - sumUsual) / (sumMost - sumUsual)) : 0;
        var steps = new int[kinds.Count];
        double cumulative = 0;
        long given = 0;
        for (int i = 0; i < kinds.Count; i++)
        {
            cumulative += scale * usual[i] + fraction * (most[i] - usual[i]);
            long upTo = (long)Math.Round(cumulative);
            steps[i] = (int)(upTo - given);
            given = upTo;
        }
        return steps;
    }
}
