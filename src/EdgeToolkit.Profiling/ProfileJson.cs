using System.Text.Json.Nodes;

namespace EdgeToolkit.Profiling;

/// <summary>The JSON form of profiles (docs/profiler.md): snake_case figures, null where a figure does not apply.</summary>
public static class ProfileJson
{
    public static JsonObject Target(TargetProfile t)
    {
        var o = new JsonObject
        {
            ["target"] = t.Target,
            ["board"] = t.Board,
            ["ok"] = t.Ok,
            ["error"] = t.Error,
            ["max_abs_error"] = t.MaxAbsError,
            ["flash_bytes"] = t.FlashBytes,
            ["ram_bytes"] = t.RamBytes,
            ["arena_bytes"] = t.ArenaBytes,
            ["weight_bytes"] = t.WeightBytes,
            ["macs"] = t.Macs,
            ["stack_bytes"] = t.StackBytes,
            ["peak_rss_bytes"] = t.PeakRssBytes,
            ["instructions_per_inference"] = t.InstructionsPerInference,
            ["ns_per_inference"] = t.NsPerInference,
            ["p50_ns"] = t.Latency?.P50,
            ["p90_ns"] = t.Latency?.P90,
            ["p99_ns"] = t.Latency?.P99,
            ["latency_samples"] = t.Latency?.Count,
            ["session_create_ms"] = t.SessionCreateMs,
            ["latency_estimate_us"] = t.LatencyEstimate is { } e ? new JsonObject
            {
                ["min"] = e.MinUs, ["max"] = e.MaxUs, ["clock_hz"] = e.ClockHz,
                ["cycles_per_instruction"] = new JsonArray(e.CyclesPerInstructionMin, e.CyclesPerInstructionMax),
            } : null,
            ["arena_live_bytes"] = t.Arena is { } a ? new JsonArray(a.LiveBytes.Select(v => (JsonNode)v).ToArray()) : null,
            ["arena_peak_live_bytes"] = t.Arena?.PeakLiveBytes,
        };
        if (t.Layers != null)
            o["layers"] = new JsonArray(t.Layers.Select(l => (JsonNode)new JsonObject
            {
                ["index"] = l.Index,
                ["nodes"] = new JsonArray(l.Nodes.Select(n => (JsonNode)n).ToArray()),
                ["op"] = l.Op,
                ["macs"] = l.Macs,
                ["instructions"] = l.Instructions,
                ["ns"] = l.Ns,
            }).ToArray());
        o["how"] = new JsonObject(t.How.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return o;
    }

    public static JsonObject Board(BoardFit b) => new()
    {
        ["board"] = b.Board,
        ["core"] = b.Core,
        ["fits"] = b.Fits,
        ["flash_bytes"] = b.FlashBytes,
        ["ram_bytes"] = b.RamBytes,
        ["board_flash_bytes"] = b.BoardFlashBytes,
        ["board_ram_bytes"] = b.BoardRamBytes,
        ["flash_margin_bytes"] = b.FlashMarginBytes,
        ["ram_margin_bytes"] = b.RamMarginBytes,
        ["measured"] = b.Measured,
        ["how"] = $"{b.Basis}: model flash share vs board flash; static RAM share + stack high-water mark vs board RAM; a margin below 0 is by how much it misses",
    };
}
