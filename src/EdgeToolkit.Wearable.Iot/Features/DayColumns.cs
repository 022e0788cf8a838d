namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>
/// The health model's 18 columns per day, in its input order (docs/health-data.md): four groups,
/// each its values then its 0/1 "recorded" flag; a group not recorded has values and flag at 0.
/// </summary>
public static class DayColumns
{
    public static readonly string[] Names =
    {
        "steps", "calories", "sedentary_min", "lightly_active_min", "moderately_active_min", "very_active_min", "worn",
        "resting_hr", "hr_out_of_range_min", "hr_fat_burn_min", "hr_cardio_min", "hr_peak_min", "hr_recorded",
        "sleep_min", "sleep_efficiency_pct", "sleep_recorded",
        "sleep_score", "sleep_score_recorded",
    };

    public const int Count = 18;
    public const int Steps = 0, Calories = 1, Sedentary = 2, Light = 3, Moderate = 4, Very = 5, Worn = 6;
    public const int RestingHr = 7, OutOfRange = 8, FatBurn = 9, Cardio = 10, Peak = 11, HrRecorded = 12;
    public const int SleepMinutes = 13, SleepEfficiency = 14, SleepRecorded = 15, SleepScore = 16, SleepScoreRecorded = 17;
}
