namespace EdgeToolkit.Profiling;

/// <summary>Latency on the real part estimated from an instruction count: the board clock and its cycles-per-instruction range.</summary>
public sealed record LatencyEstimate(double MinUs, double MaxUs, long ClockHz, double CyclesPerInstructionMin, double CyclesPerInstructionMax);

/// <summary>
/// What the profiler found on one target (ort, host, aarch64 or a Cortex-M board). Figures that
/// do not apply are null. How holds, per JSON field name, how that figure was measured.
/// </summary>
public sealed record TargetProfile
{
    public required string Target { get; init; }
    public string? Board { get; init; }
    /// <summary>Generated C agreed with ONNX Runtime (null for ORT itself).</summary>
    public bool? Ok { get; init; }
    public double? MaxAbsError { get; init; }
    /// <summary>Why the target could not be profiled (e.g. the model does not link for the board), else null.</summary>
    public string? Error { get; init; }
    public long? FlashBytes { get; init; }
    public long? RamBytes { get; init; }
    public long? ArenaBytes { get; init; }
    public long? WeightBytes { get; init; }
    public long? Macs { get; init; }
    public long? StackBytes { get; init; }
    public long? PeakRssBytes { get; init; }
    public long? InstructionsPerInference { get; init; }
    public double? NsPerInference { get; init; }
    public LatencyStats? Latency { get; init; }
    public IReadOnlyList<double> LatencySamplesNs { get; init; } = Array.Empty<double>();
    public double? SessionCreateMs { get; init; }
    public LatencyEstimate? LatencyEstimate { get; init; }
    public IReadOnlyList<LayerProfile>? Layers { get; init; }
    public ArenaTimeline? Arena { get; init; }
    public IReadOnlyDictionary<string, string> How { get; init; } = new Dictionary<string, string>();

    /// <summary>The label of the target in tables and plots: "cortex-m4 (mps2-an386)".</summary>
    public string Label => Board == null ? Target : $"{Target} ({Board})";
}
