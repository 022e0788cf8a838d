namespace EdgeToolkit.Training.Zoo;

/// <summary>
/// Progress of a long run. The CLI draws a progress line (phase, step/total, loss, metric, ETA)
/// on stderr; tests pass a null sink. Report at most a few times per second.
/// </summary>
public interface ITrainingProgress
{
    void Report(TrainProgress progress);
    /// <summary>A line worth keeping (an epoch summary, a data-set summary).</summary>
    void Log(string message);
}

/// <param name="Phase">e.g. "data", "train", "evaluate", "export".</param>
/// <param name="Metric">Latest validation metric, when one has been computed.</param>
public sealed record TrainProgress(string Phase, long Step, long TotalSteps, double? Loss, string? MetricName, double? Metric, TimeSpan Elapsed)
{
    /// <summary>Remaining time from the mean step time so far.</summary>
    public TimeSpan? Eta => Step > 0 && TotalSteps > Step ? TimeSpan.FromTicks(Elapsed.Ticks / Step * (TotalSteps - Step)) : null;
}

public sealed class NullTrainingProgress : ITrainingProgress
{
    public static readonly NullTrainingProgress Instance = new();
    public void Report(TrainProgress progress) { }
    public void Log(string message) { }
}
