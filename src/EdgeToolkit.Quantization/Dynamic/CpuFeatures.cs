using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// The CPU's name, architecture and instruction-set flags, spelled as Linux's /proc/cpuinfo spells
/// them (avx512_vnni, avx_vnni, avx2, asimddp, i8mm...). Read from /proc/cpuinfo where there is one
/// (Linux, Android), topped up with what .NET's hardware intrinsics report (the only source on
/// Windows and macOS).
/// </summary>
public sealed record CpuFeatures(string Name, Architecture Architecture, IReadOnlySet<string> Flags)
{
    public bool Has(string flag) => Flags.Contains(flag);

    public static CpuFeatures Current()
    {
        string? text = null;
        try { if (File.Exists("/proc/cpuinfo")) text = File.ReadAllText("/proc/cpuinfo"); }
        catch (IOException) { } catch (UnauthorizedAccessException) { }
        var arch = RuntimeInformation.ProcessArchitecture;
        var fromFile = text != null ? FromCpuInfo(text, arch) : null;
        var flags = new HashSet<string>(fromFile?.Flags ?? new HashSet<string>());
        foreach (var f in IntrinsicFlags()) flags.Add(f);
        return new CpuFeatures(fromFile?.Name ?? $"unknown {arch} CPU", arch, flags);
    }

    /// <summary>
    /// Parses /proc/cpuinfo text. Flags are the ones every processor lists (big.LITTLE phones can
    /// differ per core, and ORT picks its kernels once for all of them).
    /// </summary>
    public static CpuFeatures FromCpuInfo(string cpuinfo, Architecture architecture)
    {
        HashSet<string>? common = null;
        string? name = null, hardware = null, part = null;
        foreach (var raw in cpuinfo.Split('\n'))
        {
            int colon = raw.IndexOf(':');
            if (colon < 0) continue;
            string key = raw[..colon].Trim().ToLowerInvariant(), value = raw[(colon + 1)..].Trim();
            switch (key)
            {
                case "flags" or "features":
                    var set = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant()).ToHashSet();
                    if (common == null) common = set; else common.IntersectWith(set);
                    break;
                case "model name" or "processor" when value.Length > 0 && !value.All(char.IsDigit): name ??= value; break;
                case "hardware": hardware ??= value; break;
                case "cpu part": part ??= value; break;
            }
        }
        var cpu = name ?? hardware ?? (part != null ? $"{architecture} CPU part {part}" : $"unknown {architecture} CPU");
        return new CpuFeatures(cpu, architecture, common ?? new HashSet<string>());
    }

    /// <summary>What .NET itself can detect (it has no flag for AVX-512 VNNI, nor for Arm's i8mm).</summary>
    private static IEnumerable<string> IntrinsicFlags()
    {
        if (Avx2.IsSupported) yield return "avx2";
        if (Avx512BW.IsSupported) yield return "avx512bw";
        if (AvxVnni.IsSupported) yield return "avx_vnni";
        if (AdvSimd.IsSupported) yield return "asimd";
        if (Dp.IsSupported) yield return "asimddp";
    }
}
