namespace EdgeToolkit.Training.Health;

/// <summary>
/// One person-day of wearable data and self-reports, with PMData's fields and units. A null
/// field was not recorded that day (device not worn, no sleep logged, no report given). Sleep
/// fields describe the main sleep that ENDED on this date (Fitbit's dateOfSleep); self-reports
/// are those given on this date (sleep quality rates the night that ended this morning).
/// </summary>
public sealed record DailyRecord
{
    public required string Person { get; init; }
    public required DateOnly Date { get; init; }

    // Activity (Fitbit daily totals).
    public double? Steps { get; init; }
    /// <summary>kcal, including basal metabolism.</summary>
    public double? Calories { get; init; }
    public double? SedentaryMinutes { get; init; }
    public double? LightlyActiveMinutes { get; init; }
    public double? ModeratelyActiveMinutes { get; init; }
    public double? VeryActiveMinutes { get; init; }

    // Heart rate.
    /// <summary>beats per minute.</summary>
    public double? RestingHeartRate { get; init; }
    public double? OutOfRangeMinutes { get; init; }
    public double? FatBurnMinutes { get; init; }
    public double? CardioMinutes { get; init; }
    public double? PeakMinutes { get; init; }

    // Sleep (night ending this morning).
    public double? SleepMinutes { get; init; }
    /// <summary>percent (Fitbit's efficiency, 0-100).</summary>
    public double? SleepEfficiency { get; init; }
    /// <summary>Fitbit overall sleep score, 0-100.</summary>
    public double? SleepScore { get; init; }

    // Self-reports (PMSys wellness scales).
    /// <summary>1-5.</summary>
    public int? Stress { get; init; }
    /// <summary>0-10.</summary>
    public int? Readiness { get; init; }
    /// <summary>1-5.</summary>
    public int? SleepQuality { get; init; }
}
