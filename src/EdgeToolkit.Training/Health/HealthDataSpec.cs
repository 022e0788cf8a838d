using System.Text.Json.Nodes;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// Where the examples come from and how they are cut: generated (seed, people, days per person)
/// or read from a PMData folder; the window length; the seed of the person split. Stored in
/// config.json so `edgetk evaluate` rebuilds exactly the held-out people of training.
/// </summary>
public sealed record HealthDataSpec(int Seed, int People, int DaysPerPerson, int Window, string? PmDataPath)
{
    public static readonly HealthDataSpec Default = new(1, 60, 150, 7, null);

    public List<DailyRecord> LoadRecords() => PmDataPath != null
        ? PmDataReader.Read(PmDataPath)
        : new WearableGenerator(Seed).Generate(People, DaysPerPerson);

    /// <summary>Records, split and windows for each part.</summary>
    public HealthSplitData Load()
    {
        var records = LoadRecords();
        var split = PersonSplit.Make(records.Select(r => r.Person), Seed);
        List<HealthWindow> Part(IReadOnlyList<string> people)
        {
            var set = people.ToHashSet();
            return HealthWindows.Build(records.Where(r => set.Contains(r.Person)), Window);
        }
        return new HealthSplitData(this, split, Part(split.Train), Part(split.Validation), Part(split.Test));
    }

    public string Describe() => PmDataPath != null
        ? $"PMData read from {PmDataPath}"
        : $"generated: seed {Seed}, {People} people x {DaysPerPerson} days";

    public JsonObject ToJson() => new()
    {
        ["source"] = PmDataPath != null ? "pmdata" : "generated",
        ["seed"] = Seed, ["people"] = People, ["days_per_person"] = DaysPerPerson, ["window_days"] = Window,
        ["pmdata_path"] = PmDataPath,
    };

    public static HealthDataSpec FromJson(JsonObject? o)
    {
        if (o == null) return Default;
        return new HealthDataSpec(
            o["seed"]?.GetValue<int>() ?? Default.Seed,
            o["people"]?.GetValue<int>() ?? Default.People,
            o["days_per_person"]?.GetValue<int>() ?? Default.DaysPerPerson,
            o["window_days"]?.GetValue<int>() ?? Default.Window,
            o["source"]?.GetValue<string>() == "pmdata" ? o["pmdata_path"]?.GetValue<string>() : null);
    }
}

public sealed record HealthSplitData(HealthDataSpec Spec, PersonSplit Split, List<HealthWindow> Train, List<HealthWindow> Validation, List<HealthWindow> Test);
