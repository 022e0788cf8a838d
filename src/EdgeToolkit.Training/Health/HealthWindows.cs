using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Health;

/// <summary>One example: the raw input window before TargetDate and the three class labels reported on it.</summary>
public sealed record HealthWindow(string Person, DateOnly TargetDate, float[] Input, int[] Labels);

public static class HealthWindows
{
    /// <summary>
    /// Every day with all three reports and at least half the window's days worn becomes one
    /// example built from the days before it (missing days are zero with their flags at 0).
    /// </summary>
    public static List<HealthWindow> Build(IEnumerable<DailyRecord> records, int days)
    {
        var windows = new List<HealthWindow>();
        foreach (var person in records.GroupBy(r => r.Person).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byDate = person.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Last());
            foreach (var target in byDate.Keys.OrderBy(d => d))
            {
                var labels = HealthLabels.Of(byDate[target]);
                if (labels == null) continue;
                int worn = Enumerable.Range(1, days).Count(k => byDate.TryGetValue(target.AddDays(-k), out var r) && r.Steps.HasValue);
                if (worn * 2 < days) continue;
                windows.Add(new HealthWindow(person.Key, target, HealthFeatures.Window(byDate, target, days), labels));
            }
        }
        return windows;
    }
}

/// <summary>Train / validation / test people, disjoint.</summary>
public sealed record PersonSplit(IReadOnlyList<string> Train, IReadOnlyList<string> Validation, IReadOnlyList<string> Test)
{
    /// <summary>Shuffles the people with the seed, then takes 2/15 for validation and 1/5 for test (40/8/12 of 60), at least one each.</summary>
    public static PersonSplit Make(IEnumerable<string> people, int seed)
    {
        var sorted = people.Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();
        if (sorted.Length < 3)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"need at least 3 people for a person-disjoint split, found {sorted.Length}",
                hint: "use more people (--people) or a data folder with more pXX folders");
        new Random(seed).Shuffle(sorted);
        int test = Math.Max(1, (int)Math.Round(sorted.Length / 5.0));
        int validation = Math.Max(1, (int)Math.Round(sorted.Length * 2 / 15.0));
        return new PersonSplit(sorted[(test + validation)..], sorted[test..(test + validation)], sorted[..test]);
    }
}
