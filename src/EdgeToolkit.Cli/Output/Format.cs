using System.Globalization;

namespace EdgeToolkit.Cli;

/// <summary>Human-readable figures for tables.</summary>
public static class Format
{
    public static string Bytes(long b) => b < 10 * 1024 ? $"{b:N0} B" : b < 10L * 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:0.0} KiB ({b:N0} B)")
        : string.Create(CultureInfo.InvariantCulture, $"{b / (1024.0 * 1024):0.00} MiB");

    public static string Ns(double ns) => ns < 1e3 ? string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns")
        : ns < 1e6 ? string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.00} us")
        : string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.00} ms");

    public static string LatencyRange(long instructions, long clockHz, (double Min, double Max) cpi) =>
        $"{Ns(instructions * cpi.Min / clockHz * 1e9)} - {Ns(instructions * cpi.Max / clockHz * 1e9)}";
}
