namespace EdgeToolkit.Training.Health;

/// <summary>
/// The three prediction targets and their class bins on PMData's self-report scales. Stress and
/// sleep quality bins are symmetric around the scale's middle (1-2 / 3 / 4-5), so they stay valid
/// whichever end of the scale a data set calls "good"; readiness is 0-10, higher = more ready.
/// </summary>
public static class HealthLabels
{
    public const int Tasks = 3, Classes = 3;
    public static readonly string[] TaskNames = { "stress", "readiness", "sleep_quality" };
    public static readonly string[] OutputNames = { "stress_logits", "readiness_logits", "sleep_quality_logits" };
    public static readonly string[][] ClassNames =
    {
        new[] { "low (1-2)", "medium (3)", "high (4-5)" },
        new[] { "low (0-4)", "medium (5-7)", "high (8-10)" },
        new[] { "poor (1-2)", "fair (3)", "good (4-5)" },
    };

    public static int StressClass(int score) => score <= 2 ? 0 : score == 3 ? 1 : 2;
    public static int ReadinessClass(int score) => score <= 4 ? 0 : score <= 7 ? 1 : 2;
    public static int SleepQualityClass(int score) => score <= 2 ? 0 : score == 3 ? 1 : 2;

    /// <summary>The three class labels of a day, or null when any report is missing.</summary>
    public static int[]? Of(DailyRecord r) =>
        r.Stress is int s && r.Readiness is int rd && r.SleepQuality is int q
            ? new[] { StressClass(s), ReadinessClass(rd), SleepQualityClass(q) }
            : null;
}
