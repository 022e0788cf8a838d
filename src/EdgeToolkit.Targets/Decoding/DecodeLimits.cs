namespace EdgeToolkit.Targets.Decoding;

/// <summary>
/// How TargetDecoder splits prompts into runs. The defaults derive everything from the board's
/// flash and RunOptions.RunTimeout; the fixed caps exist for tests and for tight boards.
/// </summary>
public sealed record DecodeLimits
{
    /// <summary>Steps at most in the first run, before the emulator's speed on this model is known (null: from the model's MACs, DecodeBatches.FirstRunSteps).</summary>
    public int? FirstRunSteps { get; init; }
    /// <summary>A run is sized to take at most this share of RunOptions.RunTimeout, judged by the first run's speed.</summary>
    public double TimeoutShare { get; init; } = 1.0 / 3;
    /// <summary>Fixed cap on steps per run (null: from the time limit).</summary>
    public int? MaxStepsPerRun { get; init; }
    /// <summary>Fixed cap on prompt bytes in flash per run (null: from the board's flash).</summary>
    public long? MaxPromptBytesPerRun { get; init; }
}
