namespace EdgeToolkit.Cli.Health;

/// <summary>One sensed day: the day's true totals and what the wrist sensors' readings gave.</summary>
public sealed record SensedDayFigures(DateOnly Date, double? TrueSteps, double SensedSteps, double? TrueRestingHr, double SensedRestingHr);

/// <summary>The Linux-board run: days sensed through the simulated chips behind the real bindings, predictions in ONNX Runtime.</summary>
public sealed record LinuxBoardResult(string Model, int DaysSensed, int Predictions, int SameAsFromTrueColumns, double CpuSecondsPerDay,
    double OrtMicrosecondsPerPrediction, IReadOnlyList<SensedDayFigures> Days, string Sensors)
{
    public bool Ok => Predictions > 0;
}
