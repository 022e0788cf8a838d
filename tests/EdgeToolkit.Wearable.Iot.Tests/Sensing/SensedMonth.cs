using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeToolkit.Training.Health;
using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Simulation;
using EdgeToolkit.Wearable.Iot.Tests.Support;

namespace EdgeToolkit.Wearable.Iot.Tests.Sensing;

/// <summary>
/// Four weeks of a held-out person (the first test person of the default 60-person split),
/// plus that person's first later days that are not worn, worn without a logged night, and
/// with the most very active minutes, each sensed through the simulated chips and the bindings.
/// Sensed once for the collection; days run two at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SensedMonthCollection : ICollectionFixture<SensedMonth>
{
    public const string Name = "sensed month";
}

public sealed class SensedMonth
{
    public const string Name = SensedMonthCollection.Name;
    public const int MonthDays = 28;

    public SensedMonth()
    {
        var split = PersonSplit.Make(Enumerable.Range(1, 60).Select(i => $"g{i:D3}"), GeneratedDays.Seed);
        Person = split.Test[0];
        PersonIndex = int.Parse(Person[1..]) - 1;
        Profile = GeneratedDays.Profile(PersonIndex);
        // A watch whose wearer has sleep scores estimates them; one whose wearer has none reports none (as the true records).
        EstimatesSleepScore = new WearableGenerator(GeneratedDays.Seed).DrawPerson(PersonIndex).HasSleepScore;
        var all = GeneratedDays.Person(PersonIndex, 150);
        Month = all.Take(MonthDays).ToList();
        var later = all.Skip(MonthDays).ToList();
        // A person may have no such day in 150: then a later day loses its records the way the generator's gaps do.
        NotWorn = later.FirstOrDefault(r => r.Steps == null) ?? Unworn(later[0]);
        NoSleep = later.FirstOrDefault(r => r.Steps != null && r.SleepMinutes == null)
                  ?? later.Skip(1).First(r => r.Steps != null) with { SleepMinutes = null, SleepEfficiency = null, SleepScore = null };
        Exercise = later.Where(r => r.SleepMinutes != null && r.Date != NoSleep.Date && r.Date != NotWorn.Date).MaxBy(r => r.VeryActiveMinutes)!;
        var days = Month.Concat([NotWorn, NoSleep, Exercise]).ToList();

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sensed = new ConcurrentDictionary<DateOnly, (SensedDay Day, double Seconds)>();
        Parallel.ForEach(days, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
        {
            var watch = Stopwatch.StartNew();
            using var wrist = SimulatedWearer.Wire(Profile, GeneratedDays.Truth(r), seed: r.Date.DayNumber, estimateSleepScore: EstimatesSleepScore);
            sensed[r.Date] = (wrist.SenseDay(r.Date), watch.Elapsed.TotalSeconds);
        });
        CpuSecondsPerDay = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / days.Count;
        Sensed = sensed.ToDictionary(kv => kv.Key, kv => kv.Value.Day);
        SecondsPerDay = sensed.Values.Select(v => v.Seconds).ToList();
        Records = days;
    }

    private static DailyRecord Unworn(DailyRecord r) => r with
    {
        Steps = null, Calories = null, SedentaryMinutes = null, LightlyActiveMinutes = null, ModeratelyActiveMinutes = null, VeryActiveMinutes = null,
        RestingHeartRate = null, OutOfRangeMinutes = null, FatBurnMinutes = null, CardioMinutes = null, PeakMinutes = null,
        SleepMinutes = null, SleepEfficiency = null, SleepScore = null,
    };

    public string Person { get; }
    public int PersonIndex { get; }
    public Wearer.WearerProfile Profile { get; }
    public bool EstimatesSleepScore { get; }
    public List<DailyRecord> Month { get; }
    public DailyRecord NotWorn { get; }
    public DailyRecord NoSleep { get; }
    public DailyRecord Exercise { get; }
    public List<DailyRecord> Records { get; }
    public Dictionary<DateOnly, SensedDay> Sensed { get; }
    /// <summary>Wall time of each day (wiring, the binding's 200 ms power-up, sensing), for the report; not asserted.</summary>
    public List<double> SecondsPerDay { get; }
    /// <summary>The process's CPU time over the sensing divided by the days (includes the test host's other threads); not asserted.</summary>
    public double CpuSecondsPerDay { get; }
}
