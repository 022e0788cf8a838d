namespace EdgeToolkit.CodeGen.Planning;

/// <summary>Where a value lives at run time.</summary>
public enum StorageKind
{
    /// <summary>The caller's const input buffer.</summary>
    GraphInput,
    /// <summary>A weight in flash.</summary>
    Constant,
    /// <summary>The caller's output buffer: the producing kernel writes straight into it.</summary>
    GraphOutput,
    /// <summary>A slice of the static arena.</summary>
    Arena,
}

/// <summary>A value's storage: the root value whose bytes it is (itself unless aliased or in place) and the arena offset when in the arena.</summary>
public sealed record ValueStorage(StorageKind Kind, string Root, long Offset);

/// <summary>The planner's result: storage for every value, the arena layout and what needs copying.</summary>
public sealed class MemoryPlan
{
    public required IReadOnlyDictionary<string, ValueStorage> Storage { get; init; }
    /// <summary>Arena buffers (one per non-alias arena value, plus scratch), with their live step ranges.</summary>
    public required IReadOnlyList<PlannedBuffer> Buffers { get; init; }
    public required long ArenaBytes { get; init; }
    /// <summary>Arena offset of each step's scratch, or -1.</summary>
    public required IReadOnlyList<long> ScratchOffsets { get; init; }
    /// <summary>Alias steps whose output is a graph output: they become a copy into the caller's buffer.</summary>
    public required IReadOnlySet<int> CopySteps { get; init; }
    /// <summary>Graph outputs (by output index) that must be copied at the end from another value (a graph input, a weight, a repeated output).</summary>
    public required IReadOnlyList<(int Output, string Source)> FinalCopies { get; init; }

    /// <summary>Alignment of every arena offset, in bytes.</summary>
    public const int Alignment = 16;
}
