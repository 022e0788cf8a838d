using System.Globalization;

namespace EdgeToolkit.Profiling;

/// <summary>Human-readable figures for the table and the HTML report.</summary>
public static class FigureText
{
    public static string Bytes(long? b) => b switch
    {
        null => "-",
        < 10 * 1024 and > -10 * 1024 => $"{b:N0} B",
        _ => string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:0.0} KiB ({b:N0} B)"),
    };

    public static string Ns(double? ns) => ns switch
    {
        null => "-",
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.00} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.00} ms"),
    };

    public static string Count(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    public static string Estimate(LatencyEstimate? e) => e == null ? "-"
        : $"{Ns(e.MinUs * 1e3)} - {Ns(e.MaxUs * 1e3)}";

    /// <summary>The rows every target shows: label, value, and the how-key that explains it.</summary>
    public static IEnumerable<(string Figure, string Value, string HowKey)> Rows(TargetProfile t)
    {
        if (t.Error != null) { yield return ("error", t.Error, ""); yield break; }
        if (t.Ok is bool ok) yield return ("agrees with ORT", ok ? "yes" : "NO", "ok");
        if (t.FlashBytes != null) yield return ("flash", Bytes(t.FlashBytes), "flash_bytes");
        if (t.RamBytes != null) yield return ("static RAM", Bytes(t.RamBytes), "ram_bytes");
        if (t.ArenaBytes != null) yield return ("arena", Bytes(t.ArenaBytes), "arena_bytes");
        if (t.WeightBytes != null) yield return ("weights", Bytes(t.WeightBytes), "weight_bytes");
        if (t.StackBytes != null) yield return ("stack", Bytes(t.StackBytes), "stack_bytes");
        if (t.InstructionsPerInference != null) yield return ("instructions/inference", Count(t.InstructionsPerInference), "instructions_per_inference");
        if (t.LatencyEstimate != null) yield return ("latency estimate", Estimate(t.LatencyEstimate), "latency_estimate_us");
        if (t.SessionCreateMs is double ms) yield return ("session creation", Ns(ms * 1e6), "session_create_ms");
        if (t.Latency is { } s) yield return ("latency p50 / p90 / p99", $"{Ns(s.P50)} / {Ns(s.P90)} / {Ns(s.P99)}", "p50_ns");
        else if (t.Target == "aarch64") yield return ("latency", "null", "p50_ns");
        if (t.PeakRssBytes != null || t.How.ContainsKey("peak_rss_bytes"))
            yield return (t.Target == "ort" ? "peak RSS growth" : "peak RSS", Bytes(t.PeakRssBytes), "peak_rss_bytes");
        if (t.Layers is { Count: > 0 }) yield return ("per-layer", $"{t.Layers.Count} layers", "layers");
    }
}
