namespace EdgeToolkit.Training.Health;

/// <summary>
/// The model's raw input: N consecutive days before the target day (oldest first), 18 numbers a
/// day, then the target day's weekday one-hot (Monday first). Each day has four groups of fields,
/// each with a 0/1 "recorded" flag; a group that was not recorded has its values AND its flag at
/// 0. That convention makes standardise-then-mask an affine map of the raw input, which the
/// exported model folds into its first layer, so the device passes raw readings.
/// </summary>
public static class HealthFeatures
{
    public sealed record Group(string Mask, string[] Fields, Func<DailyRecord, double?>[] Read);

    public static readonly Group[] Groups =
    {
        new("worn", new[] { "steps", "calories", "sedentary_min", "lightly_active_min", "moderately_active_min", "very_active_min" },
            new Func<DailyRecord, double?>[] { r => r.Steps, r => r.Calories, r => r.SedentaryMinutes, r => r.LightlyActiveMinutes, r => r.ModeratelyActiveMinutes, r => r.VeryActiveMinutes }),
        new("hr_recorded", new[] { "resting_hr", "hr_out_of_range_min", "hr_fat_burn_min", "hr_cardio_min", "hr_peak_min" },
            new Func<DailyRecord, double?>[] { r => r.RestingHeartRate, r => r.OutOfRangeMinutes, r => r.FatBurnMinutes, r => r.CardioMinutes, r => r.PeakMinutes }),
        new("sleep_recorded", new[] { "sleep_min", "sleep_efficiency_pct" },
            new Func<DailyRecord, double?>[] { r => r.SleepMinutes, r => r.SleepEfficiency }),
        new("sleep_score_recorded", new[] { "sleep_score" },
            new Func<DailyRecord, double?>[] { r => r.SleepScore }),
    };

    /// <summary>Per-day column names in order (each group's fields, then its flag).</summary>
    public static readonly string[] DayColumns = Groups.SelectMany(g => g.Fields.Append(g.Mask)).ToArray();
    public static int PerDay => DayColumns.Length;
    public static int InputSize(int days) => days * PerDay + 7;

    /// <summary>For each per-day column: the index of its group's flag column, or -1 for a flag itself.</summary>
    public static readonly int[] MaskOfColumn = BuildMaskIndex();

    /// <summary>Writes one day's raw values at offset; an absent day (null) is all zeros.</summary>
    public static void WriteDay(DailyRecord? r, float[] x, int offset)
    {
        int c = 0;
        foreach (var g in Groups)
        {
            var values = r == null ? null : g.Read.Select(f => f(r)).ToArray();
            bool present = values != null && values.All(v => v.HasValue && double.IsFinite(v.Value));
            for (int i = 0; i < g.Fields.Length; i++) x[offset + c++] = present ? (float)values![i]!.Value : 0f;
            x[offset + c++] = present ? 1f : 0f;
        }
    }

    /// <summary>Monday = 0 ... Sunday = 6.</summary>
    public static int WeekdayIndex(DateOnly d) => ((int)d.DayOfWeek + 6) % 7;

    /// <summary>The full input vector for predicting targetDate from the days before it.</summary>
    public static float[] Window(IReadOnlyDictionary<DateOnly, DailyRecord> byDate, DateOnly targetDate, int days)
    {
        var x = new float[InputSize(days)];
        for (int k = 0; k < days; k++)
        {
            var d = targetDate.AddDays(k - days);
            WriteDay(byDate.GetValueOrDefault(d), x, k * PerDay);
        }
        x[days * PerDay + WeekdayIndex(targetDate)] = 1f;
        return x;
    }

    private static int[] BuildMaskIndex()
    {
        var idx = new List<int>();
        int c = 0;
        foreach (var g in Groups)
        {
            int mask = c + g.Fields.Length;
            for (int i = 0; i < g.Fields.Length; i++) idx.Add(mask);
            idx.Add(-1);
            c = mask + 1;
        }
        return idx.ToArray();
    }
}
