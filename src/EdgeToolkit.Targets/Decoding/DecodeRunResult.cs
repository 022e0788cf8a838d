namespace EdgeToolkit.Targets.Decoding;

/// <summary>
/// What greedy decoding on a target gave: the generated tokens of every prompt (ending with the
/// end token when it came) and the figures, each with how it was measured (MeasurementNotes).
/// A step is one model call; every generated token and every prompt token costs one step.
/// </summary>
public sealed record DecodeRunResult
{
    public required string Target { get; init; }
    /// <summary>Board name on MCU targets, else null.</summary>
    public string? Board { get; init; }
    /// <summary>Per prompt, in order: the generated tokens (not the prompt).</summary>
    public required IReadOnlyList<long[]> Tokens { get; init; }
    /// <summary>Per prompt: model steps taken (prompt tokens fed plus tokens generated after the first).</summary>
    public required IReadOnlyList<int> StepsPerPrompt { get; init; }
    /// <summary>Model steps over all prompts.</summary>
    public required long Steps { get; init; }
    /// <summary>MCU: QEMU icount of every step (model call plus argmax or next prompt token), in order over all prompts; null elsewhere.</summary>
    public IReadOnlyList<long>? InstructionsPerStep { get; init; }
    /// <summary>MCU: median of InstructionsPerStep.</summary>
    public long? InstructionsPerTokenMedian { get; init; }
    /// <summary>MCU: mean of InstructionsPerStep.</summary>
    public double? InstructionsPerTokenMean { get; init; }
    /// <summary>Host: ns per step, the median of repeated timed decoding of all prompts (weighted by steps over runs); null elsewhere.</summary>
    public double? NsPerToken { get; init; }
    /// <summary>Model's flash share: (text+data) of the decoding image minus the same image with a stub model.</summary>
    public required long FlashBytes { get; init; }
    /// <summary>Model's static RAM share (its built-in arena and statics); the state buffers belong to the loop (StateBytes).</summary>
    public required long RamBytes { get; init; }
    /// <summary>RAM of the loop's ping-pong state buffers: twice the bytes of every state input.</summary>
    public required long StateBytes { get; init; }
    /// <summary>Whole decoding image: text+data (the largest over runs).</summary>
    public required long ImageFlashBytes { get; init; }
    /// <summary>Whole decoding image: data+bss.</summary>
    public required long ImageRamBytes { get; init; }
    /// <summary>MCU: stack high-water mark of one model step below the loop's call site (painted stack); null elsewhere.</summary>
    public long? StackBytes { get; init; }
    /// <summary>Program or emulator runs the prompts were split into (flash and time per run).</summary>
    public required int Runs { get; init; }
    public required string CompileCommand { get; init; }
    public required IReadOnlyList<string> CompilerFlags { get; init; }
    /// <summary>The command of each run, in order.</summary>
    public required IReadOnlyList<string> RunCommands { get; init; }
    public required IReadOnlyList<string> MeasurementNotes { get; init; }
    /// <summary>The build folder (deleted after the runs unless RunOptions.KeepBuild).</summary>
    public required string BuildDirectory { get; init; }
}
