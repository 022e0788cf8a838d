using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Running;

/// <summary>One emitted kernel's cost per inference (null where the figure does not apply to the target).</summary>
public sealed record LayerCost(int Index, long? Instructions, double? Ns);

/// <summary>
/// What a run on a target gave: the outputs of every case (bit-exact, as the target computed them)
/// and the figures, each with how it was measured (see the property comments and MeasurementNotes).
/// </summary>
public sealed record TargetRunResult
{
    public required string Target { get; init; }
    /// <summary>Board name on MCU targets, else null.</summary>
    public string? Board { get; init; }
    /// <summary>Per case, output name -> tensor.</summary>
    public required IReadOnlyList<Dictionary<string, Tensor>> Outputs { get; init; }
    /// <summary>MCU: QEMU icount (-icount shift=7) read through the board timer around name_run, median over cases.</summary>
    public long? InstructionsPerInference { get; init; }
    /// <summary>MCU: the instruction count of each case (same measurement), in case order; null elsewhere.</summary>
    public IReadOnlyList<long>? InstructionsPerCase { get; init; }
    /// <summary>Host: median over cases of the median of repeated timed batches (CLOCK_MONOTONIC).</summary>
    public double? NsPerInference { get; init; }
    /// <summary>Model's flash share: (text+data) of the ELF with the model minus the same harness with a stub.</summary>
    public required long FlashBytes { get; init; }
    /// <summary>Model's static RAM share: (data+bss) difference, including its built-in arena.</summary>
    public required long RamBytes { get; init; }
    /// <summary>Whole test image: text+data.</summary>
    public required long ImageFlashBytes { get; init; }
    /// <summary>Whole test image: data+bss.</summary>
    public required long ImageRamBytes { get; init; }
    /// <summary>MCU: stack high-water mark of name_run below the harness's call site (painted stack); null elsewhere.</summary>
    public long? StackBytes { get; init; }
    /// <summary>Per-layer costs when RunOptions.PerLayer (from a separate instrumented build), else null.</summary>
    public IReadOnlyList<LayerCost>? Layers { get; init; }
    /// <summary>The compiler command that built the measured image.</summary>
    public required string CompileCommand { get; init; }
    public required IReadOnlyList<string> CompilerFlags { get; init; }
    /// <summary>The command that ran it (emulator or program).</summary>
    public required string RunCommand { get; init; }
    /// <summary>How each figure was measured, in words for reports.</summary>
    public required IReadOnlyList<string> MeasurementNotes { get; init; }
    /// <summary>The build folder (deleted after the run unless RunOptions.KeepBuild).</summary>
    public required string BuildDirectory { get; init; }
}
