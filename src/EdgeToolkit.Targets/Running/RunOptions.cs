using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>How TargetRunner builds and runs.</summary>
public sealed record RunOptions
{
    /// <summary>Host only: -O3 -march=native instead of -O2 (the result states the flags).</summary>
    public bool HostNative { get; init; }
    /// <summary>Also build with the per-layer hooks and report each layer's cost.</summary>
    public bool PerLayer { get; init; }
    /// <summary>Build with -ffp-contract=fast (FMA where the core has it): faster, no longer bit-identical across targets.</summary>
    public bool FastMath { get; init; }
    /// <summary>Keep the build folder (sources, ELF, outputs) for inspection.</summary>
    public bool KeepBuild { get; init; }
    /// <summary>Limit for one emulator or program run; past it the run is a hang.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Host timing: how long to keep repeating each case (the figure is the median of the repeats).</summary>
    public TimeSpan HostTimingPerCase { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Host timing: time only the first N cases (null: every case). Evaluation runs thousands of cases and needs only a few timed.</summary>
    public int? HostTimedCases { get; init; }
    /// <summary>Where the tools are looked up; null is the process's PATH.</summary>
    public Toolchain? Toolchain { get; init; }
    /// <summary>Parent folder of the build folders; null is the system temp folder.</summary>
    public string? BuildRoot { get; init; }
    /// <summary>
    /// Streaming: the cases are consecutive chunks, and each pair's output is copied on the device
    /// into its input before the next chunk (recurrent state kept between calls, as firmware does).
    /// Only case 0's value of a state input is used: it is the initial state.
    /// </summary>
    public IReadOnlyList<StatePair> StatePairs { get; init; } = Array.Empty<StatePair>();
}
