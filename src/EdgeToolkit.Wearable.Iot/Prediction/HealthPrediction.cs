namespace EdgeToolkit.Wearable.Iot.Prediction;

/// <summary>Tomorrow's three classes (argmax of each head) and the logits behind them.</summary>
public sealed record HealthPrediction(int Stress, int Readiness, int SleepQuality, float[] StressLogits, float[] ReadinessLogits, float[] SleepQualityLogits)
{
    public static readonly string[] StressClasses = { "low (1-2)", "medium (3)", "high (4-5)" };
    public static readonly string[] ReadinessClasses = { "low (0-4)", "medium (5-7)", "high (8-10)" };
    public static readonly string[] SleepQualityClasses = { "poor (1-2)", "fair (3)", "good (4-5)" };

    public int[] Classes => [Stress, Readiness, SleepQuality];
    public override string ToString() =>
        $"stress {StressClasses[Stress]}, readiness {ReadinessClasses[Readiness]}, sleep quality {SleepQualityClasses[SleepQuality]}";
}
