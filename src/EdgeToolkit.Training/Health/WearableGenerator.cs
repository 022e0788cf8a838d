namespace EdgeToolkit.Training.Health;

/// <summary>
/// Seeded generative model of wearable-like person-days with PMData's fields and self-report
/// scales. docs/health-data.md states every equation below; keep the two in step. Each person
/// has their own random stream (seed, person index), so adding people never changes the others.
/// </summary>
public sealed class WearableGenerator
{
    public static readonly DateOnly DefaultStart = new(2019, 11, 1); // PMData's first day

    public int Seed { get; }
    public WearableGenerator(int seed) { Seed = seed; }

    /// <summary>Per-person traits drawn once (documented in docs/health-data.md, "Per-person baselines").</summary>
    public sealed record Person(string Id, double Fitness, double Chronotype, double StressProneness, double SleepNeed,
        double BaseSteps, double WeekendActivity, double Bmr, double RestingHrBase, double GapStartProbability,
        double SleepMissProbability, bool HasSleepScore, double ReportCompliance, double StressBias, double ReadinessBias, double QualityBias);

    public List<DailyRecord> Generate(int people, int days, DateOnly? start = null)
    {
        var all = new List<DailyRecord>(people * days);
        for (int p = 0; p < people; p++) all.AddRange(GeneratePerson(p, days, start ?? DefaultStart));
        return all;
    }

    public Person DrawPerson(int index) => DrawPerson(index, new Rng(Seed, index));

    private static Person DrawPerson(int index, Rng rng)
    {
        double fitness = rng.Normal();
        return new Person(
            Id: $"g{index + 1:D3}",
            Fitness: fitness,
            Chronotype: rng.Normal(),
            StressProneness: rng.Normal(),
            SleepNeed: Math.Clamp(440 + 25 * rng.Normal(), 380, 510),
            BaseSteps: Math.Exp(Math.Log(7500) + 0.25 * fitness + 0.2 * rng.Normal()),
            WeekendActivity: -0.1 + 0.2 * rng.Normal(),
            Bmr: Math.Clamp(1750 + 200 * rng.Normal(), 1300, 2300),
            RestingHrBase: Math.Clamp(63 - 4 * fitness + 3 * rng.Normal(), 45, 80),
            GapStartProbability: rng.Uniform(0.005, 0.04),
            SleepMissProbability: rng.Uniform(0.02, 0.12),
            HasSleepScore: rng.Uniform(0, 1) < 0.75,
            ReportCompliance: rng.Uniform(0.75, 0.98),
            StressBias: 0.3 * rng.Normal(),
            ReadinessBias: 0.5 * rng.Normal(),
            QualityBias: 0.3 * rng.Normal());
    }

    public IEnumerable<DailyRecord> GeneratePerson(int index, int days, DateOnly start)
    {
        var rng = new Rng(Seed, index);
        var p = DrawPerson(index, rng);
        // Latent state carried from day to day.
        double stressLoad = 0.5 * p.StressProneness, debt = 0, activityTrend = 0;
        double prevVery = 20, prevModerate = 15, prevStrainOnShortSleep = 0, prevPrevStrain = 0;
        int gapLeft = 0, sickLeft = 0;
        for (int t = 0; t < days; t++)
        {
            var date = start.AddDays(t);
            bool workday = HealthFeatures.WeekdayIndex(date) < 5;
            // Illness episodes (a cold): start at random, last 2-5 days, show in heart rate, activity and sleep.
            if (sickLeft == 0 && rng.Uniform(0, 1) < 0.015) sickLeft = 2 + (int)(rng.Uniform(0, 1) * 4);
            double sick = sickLeft > 0 ? 1 : 0;

            // Night ending this morning: need grows after a hard day; evening types lose sleep before workdays.
            double extraNeed = Math.Clamp(0.35 * Math.Max(0, prevVery + 0.5 * prevModerate - 25) * (1.3 - 0.3 * Math.Clamp(p.Fitness, -1, 2)), 0, 60);
            double need = p.SleepNeed + extraNeed + 40 * sick;
            double schedule = workday ? -(15 + 20 * Math.Max(p.Chronotype, 0)) : 10 + 25 * Math.Max(p.Chronotype, 0);
            double sleep = Math.Clamp(need + schedule + 0.35 * debt - 18 * stressLoad + 35 * rng.Normal(), 180, 720);
            double efficiency = Math.Clamp(0.93 - 0.03 * sick - 0.025 * stressLoad - 0.02 * Math.Max(0, prevVery - 60) / 30 + 0.02 * rng.Normal(), 0.70, 0.99);
            debt = Math.Max(0, 0.8 * debt + need - sleep);
            double sleepScore = Math.Clamp(75 + 0.08 * (sleep - 430) + 100 * (efficiency - 0.92) - 0.05 * debt + 3 * rng.Normal(), 40, 98);
            double shortfall = ShortSleep(sleep);

            // Stress load: persistent, higher on workdays and in stress-prone people, kicked up by a hard day on short sleep.
            stressLoad = 0.65 * stressLoad + 0.25 * p.StressProneness + (workday ? 0.35 : -0.45) + 0.5 * prevStrainOnShortSleep + 0.45 * rng.Normal();

            // Self-reports of this morning.
            double qualityLatent = 0.9 * (efficiency - 0.92) / 0.03 + 0.6 * (sleep - need) / 45 - 0.35 * stressLoad
                                   + ExerciseSleepEffect(prevVery) - 0.8 * sick + 0.6 * rng.Normal();
            double stressLatent = stressLoad + 2.0 * prevStrainOnShortSleep + 0.8 * sick + 0.5 * rng.Normal();
            double debtExcess = Math.Max(0, (debt - 45) / 45);
            double readinessLatent = 0.4 * p.Fitness - debtExcess - 0.6 * debtExcess * debtExcess - 2.5 * sick - 0.7 * stressLoad
                                     - 3.0 * Math.Min(Strain(prevVery, prevModerate), prevPrevStrain) * (1 - 0.3 * Math.Clamp(p.Fitness, -1, 1.5))
                                     + 0.25 * (efficiency - 0.92) / 0.03 + 0.9 * rng.Normal();
            bool reported = rng.Uniform(0, 1) < p.ReportCompliance;
            int stress = (int)Math.Clamp(Math.Round(2.7 + 0.9 * stressLatent + p.StressBias), 1, 5);
            int readiness = (int)Math.Clamp(Math.Round(6.6 + 1.1 * readinessLatent + p.ReadinessBias), 0, 10);
            int quality = (int)Math.Clamp(Math.Round(3.2 + 0.8 * qualityLatent + p.QualityBias), 1, 5);

            // Today's activity: more exercise when fit, on weekends, when rested and unstressed.
            activityTrend = 0.5 * activityTrend + 0.3 * rng.Normal();
            double exerciseProbability = Sigmoid(-1.2 - 2 * sick + 0.9 * p.Fitness + (workday ? 0 : 0.4) - 0.5 * stressLoad - 0.3 * debt / 60);
            bool exercised = rng.Uniform(0, 1) < exerciseProbability;
            double very = exercised ? Math.Clamp(45 * (1 + 0.3 * p.Fitness) * Math.Exp(0.4 * rng.Normal()), 10, 180) : Math.Max(0, 4 + 4 * rng.Normal());
            double moderate = Math.Max(0, (exercised ? 22 : 10) + 7 * rng.Normal());
            double steps = Math.Clamp(p.BaseSteps * Math.Exp((workday ? 0 : p.WeekendActivity) + 0.45 * activityTrend + (exercised ? 0.25 : 0) - 0.5 * sick + 0.15 * rng.Normal()), 300, 40000);
            double lightly = Math.Clamp(180 + 0.012 * (steps - 7500) + 25 * rng.Normal(), 40, 420);
            double sedentary = Math.Clamp(1440 - sleep - lightly - moderate - very - 60 + 40 * rng.Normal(), 200, 1300);
            double calories = p.Bmr + 0.045 * steps + 6 * moderate + 10 * very + lightly + 80 * rng.Normal();
            double restingHr = p.RestingHrBase + 5 * sick + 2.2 * stressLoad + 0.04 * debt + 1.5 * Strain(prevVery, prevModerate) + 1.2 * rng.Normal();
            double peak = very * Math.Clamp(0.2 - 0.05 * p.Fitness, 0.02, 0.4);
            double cardio = 0.5 * very + 0.2 * moderate;
            double fatBurn = 30 + 0.2 * lightly + 0.6 * moderate + 0.25 * very + 10 * Math.Abs(rng.Normal());
            double outOfRange = Math.Max(0, 1440 - peak - cardio - fatBurn - 20 * Math.Abs(rng.Normal()));

            // Wear time: multi-day gaps start at random; sleep can be missed on its own.
            if (gapLeft == 0 && rng.Uniform(0, 1) < p.GapStartProbability) gapLeft = 1 + (int)(rng.Uniform(0, 1) * 4);
            bool worn = gapLeft == 0;
            if (gapLeft > 0) gapLeft--;
            if (sickLeft > 0) sickLeft--;
            bool sleepLogged = worn && rng.Uniform(0, 1) >= p.SleepMissProbability;

            yield return new DailyRecord
            {
                Person = p.Id, Date = date,
                Steps = worn ? Math.Round(steps) : null,
                Calories = worn ? Math.Round(calories) : null,
                SedentaryMinutes = worn ? Math.Round(sedentary) : null,
                LightlyActiveMinutes = worn ? Math.Round(lightly) : null,
                ModeratelyActiveMinutes = worn ? Math.Round(moderate) : null,
                VeryActiveMinutes = worn ? Math.Round(very) : null,
                RestingHeartRate = worn ? Math.Round(restingHr, 1) : null,
                OutOfRangeMinutes = worn ? Math.Round(outOfRange) : null,
                FatBurnMinutes = worn ? Math.Round(fatBurn) : null,
                CardioMinutes = worn ? Math.Round(cardio) : null,
                PeakMinutes = worn ? Math.Round(peak) : null,
                SleepMinutes = sleepLogged ? Math.Round(sleep) : null,
                SleepEfficiency = sleepLogged ? Math.Round(100 * efficiency) : null,
                SleepScore = sleepLogged && p.HasSleepScore ? Math.Round(sleepScore) : null,
                Stress = reported ? stress : null,
                Readiness = reported ? readiness : null,
                SleepQuality = reported ? quality : null,
            };

            prevStrainOnShortSleep = Strain(very, moderate) * shortfall;
            prevPrevStrain = Strain(prevVery, prevModerate);
            prevVery = very; prevModerate = moderate;
        }
    }

    /// <summary>Training strain of a day: 0 for an ordinary day, about 1 per 30 hard minutes beyond 40.</summary>
    public static double Strain(double very, double moderate) => Math.Max(0, (very + 0.5 * moderate - 40) / 30);

    /// <summary>Inverted U: moderate exercise helps the next night, very long sessions hurt it.</summary>
    public static double ExerciseSleepEffect(double very) => 1.2 * Math.Min(very, 45) / 45 - 2.0 * Math.Max(0, very - 75) / 25;

    /// <summary>How far a night fell under 7 hours asleep, in units of 45 minutes.</summary>
    public static double ShortSleep(double sleepMinutes) => Math.Max(0, (420 - sleepMinutes) / 45);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A deterministic stream per (seed, person) on System.Random's seeded algorithm; normals by Box-Muller.</summary>
    private sealed class Rng
    {
        private readonly Random _r;
        public Rng(int seed, int person) { _r = new Random(unchecked(seed * 1_000_003 + person * 7919 + 17)); }
        public double Uniform(double lo, double hi) => lo + (hi - lo) * _r.NextDouble();
        public double Normal()
        {
            double u1 = 1.0 - _r.NextDouble(), u2 = _r.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
