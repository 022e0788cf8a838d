namespace EdgeToolkit.Training.Zoo;

/// <summary>Everything a training run gets from the command line.</summary>
public sealed class TrainContext
{
    public required string OutputDir { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>Task options by name (without dashes); missing ones take the task's defaults.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    /// <summary>Tests: a short run that exercises every stage (metrics are then not the card's).</summary>
    public bool Quick { get; init; }
    public ITrainingProgress Progress { get; init; } = NullTrainingProgress.Instance;
    /// <summary>The exact command line that produced this run (written to the card as the retrain command).</summary>
    public string Command { get; init; } = "";

    public string Option(IZooTask task, string name)
    {
        if (Options.TryGetValue(name, out var v)) return v;
        var o = task.Options.FirstOrDefault(o => o.Name == name)
            ?? throw new ArgumentException($"task '{task.Name}' has no option '{name}'");
        return o.Default;
    }
    public int IntOption(IZooTask task, string name) => int.Parse(Option(task, name), System.Globalization.CultureInfo.InvariantCulture);
    public double DoubleOption(IZooTask task, string name) => double.Parse(Option(task, name), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a finished run leaves behind.</summary>
public sealed record TrainOutcome(string ModelPath, string CardPath, IReadOnlyDictionary<string, double> Metrics, TimeSpan Duration);
