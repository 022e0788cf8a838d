using System.Globalization;

namespace EdgeToolkit.Profiling;

/// <summary>
/// This process's resident memory from /proc/self/status (Linux). VmHWM is the peak RSS; writing 5
/// to /proc/self/clear_refs resets it to the current RSS, so a delta covers only what came after.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Current resident set size in bytes, or null off Linux.</summary>
    public static long? RssBytes() => Read("VmRSS:");

    /// <summary>Peak resident set size in bytes since start or the last reset, or null off Linux.</summary>
    public static long? PeakRssBytes() => Read("VmHWM:");

    /// <summary>Resets the peak to the current RSS; false where the kernel does not allow it.</summary>
    public static bool TryResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static long? Read(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var kb = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        return null;
    }
}
