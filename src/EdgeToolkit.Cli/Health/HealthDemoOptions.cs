namespace EdgeToolkit.Cli.Health;

/// <summary>What `demo health` was asked to do.</summary>
/// <param name="Output">Folder for the models, builds and the report.</param>
/// <param name="PmData">PMData folder (p01 ... p16): train and evaluate on it (implies Retrain).</param>
/// <param name="Retrain">Train both models from scratch instead of starting from models/health-events and models/health-transformer.</param>
/// <param name="Quick">Tiny data and few steps, for tests: the pipeline runs end to end, its figures mean nothing.</param>
/// <param name="Days">Days of the held-out person streamed to the board after the first full window (a month).</param>
public sealed record HealthDemoOptions(string Output, string? PmData, bool Retrain, bool Quick, string Board, int Days = 30, int Seed = 1)
{
    public const string DefaultBoard = "mps2-an386-watch";
    public const double Keep = 0.5;

    /// <summary>The wearable budget the demo checks (issue 9): the build must fit a watch part with room for its own firmware.</summary>
    public const long FlashBudget = 64 * 1024, RamBudget = 16 * 1024, InstructionBudget = 100_000;

    public bool Trains => Retrain || Quick || PmData != null;
}
