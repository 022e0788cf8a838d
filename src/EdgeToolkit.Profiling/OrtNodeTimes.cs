using System.Text.Json;

namespace EdgeToolkit.Profiling;

/// <summary>One ONNX Runtime node's median kernel time over the profiled runs, from ORT's own profile.</summary>
public sealed record OrtNodeTime(string Node, string Op, double MedianNs, int Runs);

/// <summary>
/// Reads ORT's profiling output (a Chrome trace: a JSON array of events). Kernel times are the
/// events with cat "Node" named "&lt;node&gt;_kernel_time", dur in microseconds, args.op_name the op.
/// </summary>
public static class OrtNodeTimes
{
    private const string Suffix = "_kernel_time";

    /// <summary>
    /// Median time per occurrence of each node, in the order the nodes first ran. The median, as
    /// the first runs of a fresh session are several times slower than the rest.
    /// </summary>
    public static IReadOnlyList<OrtNodeTime> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var order = new List<string>();
        var times = new Dictionary<string, (string Op, List<double> Us)>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (!e.TryGetProperty("cat", out var cat) || cat.GetString() != "Node") continue;
            var name = e.GetProperty("name").GetString() ?? "";
            if (!name.EndsWith(Suffix, StringComparison.Ordinal) || !e.TryGetProperty("dur", out var dur)) continue;
            var node = name[..^Suffix.Length];
            var op = e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "" : "";
            if (!times.TryGetValue(node, out var t)) { order.Add(node); times[node] = t = (op, new List<double>()); }
            t.Us.Add(dur.GetDouble());
        }
        return order.Select(n => new OrtNodeTime(n, times[n].Op, Median(times[n].Us) * 1000, times[n].Us.Count)).ToList();
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }
}
