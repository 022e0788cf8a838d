namespace EdgeToolkit.Targets.Boards;

/// <summary>A memory region of a board: [Origin, Origin+Bytes).</summary>
public sealed record MemoryRegion(ulong Origin, long Bytes);

/// <summary>How cost is measured on a board: the timer kind ("systick" or "cmsdk"), its input clock, and its base address (CMSDK).</summary>
public sealed record BoardTimer(string Kind, long Hz, ulong? Base);

/// <summary>Active power from the part's datasheet: milliwatts at a clock, and where the figure comes from.</summary>
public sealed record ActivePower(double MilliWatts, long AtHz, string Source);

/// <summary>
/// One board of hardware/&lt;name&gt;.json: the real part it stands for, its core and memory, and how
/// QEMU emulates it. The regions are the real part's sizes, so an image that would not fit fails to link.
/// </summary>
public sealed record BoardDefinition
{
    /// <summary>Board name, the same as its QEMU machine (e.g. "mps2-an386").</summary>
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>Target name of its core: cortex-m0, cortex-m3, cortex-m4, cortex-m7, cortex-m33.</summary>
    public required string Core { get; init; }
    /// <summary>gcc's -mfpu value, or null for a core without a floating-point unit.</summary>
    public string? Fpu { get; init; }
    public required long ClockHz { get; init; }
    public required MemoryRegion Flash { get; init; }
    public required MemoryRegion Ram { get; init; }
    public required string QemuMachine { get; init; }
    public required BoardTimer Timer { get; init; }
    public required IReadOnlyList<string> GccFlags { get; init; }
    /// <summary>Real cycles per emulated instruction on this core class (icount is instructions, not cycles).</summary>
    public required (double Min, double Max) CyclesPerInstruction { get; init; }
    public ActivePower? ActivePower { get; init; }
    /// <summary>How a real board would be flashed (the emulated path is QEMU).</summary>
    public required string Flasher { get; init; }

    public bool HasFpu => Fpu != null;

    /// <summary>
    /// Latency range on the real part for an instruction count: cycles per instruction (min..max)
    /// over the part's clock. An estimate from icount, never a measurement of cycles.
    /// </summary>
    public (double MinSeconds, double MaxSeconds) EstimateLatency(long instructions) =>
        (instructions * CyclesPerInstruction.Min / ClockHz, instructions * CyclesPerInstruction.Max / ClockHz);

    /// <summary>Energy range (joules) for an instruction count at the datasheet's active power, or null without one.</summary>
    public (double MinJoules, double MaxJoules)? EstimateEnergy(long instructions)
    {
        if (ActivePower is not { } p) return null;
        var (min, max) = EstimateLatency(instructions);
        // Active power scales with the clock it was measured at; the estimate assumes the board's clock.
        var watts = p.MilliWatts / 1000.0 * ClockHz / p.AtHz;
        return (min * watts, max * watts);
    }
}
