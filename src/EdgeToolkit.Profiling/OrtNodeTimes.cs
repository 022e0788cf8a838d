using System.Text.Json;

namespace EdgeToolkit.Profiling;

/// <summary>One ONNX Runtime node's mean kernel time per run, from ORT's own profile.</summary>
public sealed record OrtNodeTime(string Node, string Op, double MeanNs, int Runs);

/// <summary>
/// Reads ORT's profiling output (a Chrome trace: a JSON array of events). Kernel times are the
/// events with cat "Node" named "&lt;node&gt;_kernel_time", dur in microseconds, args.op_name the op.
/// </summary>
public static class OrtNodeTimes
{
    private const string Suffix = "_kernel_time";

    /// <summary>Mean time per occurrence of each node, in the order the nodes first ran.</summary>
    public static IReadOnlyList<OrtNodeTime> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var order = new List<string>();
        var totals = new Dictionary<string, (string Op, double Us, int Count)>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (!e.TryGetProperty("cat", out var cat) || cat.GetString() != "Node") continue;
            var name = e.GetProperty("name").GetString() ?? "";
            if (!name.EndsWith(Suffix, StringComparison.Ordinal) || !e.TryGetProperty("dur", out var dur)) continue;
            var node = name[..^Suffix.Length];
            var op = e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "" : "";
            if (!totals.TryGetValue(node, out var t)) { order.Add(node); t = (op, 0, 0); }
            totals[node] = (t.Op, t.Us + dur.GetDouble(), t.Count + 1);
        }
        return order.Select(n => new OrtNodeTime(n, totals[n].Op, totals[n].Us * 1000 / totals[n].Count, totals[n].Count)).ToList();
    }
}
