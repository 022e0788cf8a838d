namespace EdgeToolkit.CodeGen;

/// <summary>What the generator may assume about the core it writes for.</summary>
public sealed record TargetProfile
{
    /// <summary>Target name as the CLI spells it: host, aarch64, cortex-m0 ... cortex-m33.</summary>
    public required string Name { get; init; }
    /// <summary>Hardware single-precision float. False on M0/M3: float code still works, through soft-float.</summary>
    public bool HasFpu { get; init; } = true;
    /// <summary>ARMv7E-M DSP extension (SMLAD and friends): M4, M7, M33.</summary>
    public bool HasDsp { get; init; }
    /// <summary>Opt-in fast mode: FMA contraction allowed; results no longer bit-identical across targets.</summary>
    public bool FastMath { get; init; }
    /// <summary>Number of float accumulators worth keeping in registers (16 on FPv4/FPv5, more on host).</summary>
    public int FloatRegisters { get; init; } = 16;
    /// <summary>Weight bytes above which weights go to a linked binary blob instead of C literals.</summary>
    public long BlobThresholdBytes { get; init; } = 4L << 20;

    public static TargetProfile ForTarget(string target, bool fastMath = false) => target switch
    {
        "host" => new() { Name = target, FloatRegisters = 16, FastMath = fastMath },
        "aarch64" => new() { Name = target, FloatRegisters = 32, FastMath = fastMath },
        "cortex-m0" => new() { Name = target, HasFpu = false, FloatRegisters = 8, FastMath = fastMath },
        "cortex-m3" => new() { Name = target, HasFpu = false, FloatRegisters = 8, FastMath = fastMath },
        "cortex-m4" => new() { Name = target, HasDsp = true, FastMath = fastMath },
        "cortex-m7" => new() { Name = target, HasDsp = true, FastMath = fastMath },
        "cortex-m33" => new() { Name = target, HasDsp = true, FastMath = fastMath },
        _ => throw new ArgumentException($"unknown target '{target}' (host, aarch64, cortex-m0, cortex-m3, cortex-m4, cortex-m7, cortex-m33)"),
    };

    public static readonly string[] AllTargets = { "host", "aarch64", "cortex-m0", "cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33" };
}
