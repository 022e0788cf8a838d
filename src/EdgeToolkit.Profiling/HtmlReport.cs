using System.Net;
using System.Text;

namespace EdgeToolkit.Profiling;

/// <summary>
/// A self-contained HTML report: the figures of every target with how each was measured, the
/// per-layer tables, board fits, and the plots as PNG data URIs (one file, no network).
/// </summary>
public static class HtmlReport
{
    public static string Render(ProfileReport report, ProfileReport? other = null)
    {
        var h = new StringBuilder();
        var title = other == null ? $"EdgeToolkit profile: {report.Model}" : $"EdgeToolkit profile: {report.Model} vs {other.Model}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"note\">Every figure is followed by how it was measured. Instruction counts are exact and repeatable (QEMU icount); latencies on the host and ONNX Runtime are wall clock on this machine; MCU latencies are estimates at the board clock.</p>\n");
        // A comparison leads with its ratios: that is what it was run for; the two sides follow in full.
        if (other != null) Ratios(h, new ProfileComparison(report, other));
        Section(h, report, other == null ? null : "A");
        if (other != null) Section(h, other, "B");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    public static void Write(string path, ProfileReport report, ProfileReport? other = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, Render(report, other));
        File.Move(temp, full, overwrite: true);
    }

    private static void Section(StringBuilder h, ProfileReport report, string? side)
    {
        if (side != null) h.Append("<h1>").Append(side).Append(": ").Append(E(report.Model)).Append("</h1>\n");
        h.Append("<h2>Summary</h2>\n<table><tr><th>target</th><th>flash</th><th>static RAM</th><th>arena</th><th>stack</th><th>instructions</th><th>latency p50</th><th>p99</th><th>estimate at board clock</th></tr>\n");
        foreach (var t in report.Targets)
            h.Append("<tr><td>").Append(E(t.Label)).Append("</td>")
                .Append(Cell(FigureText.Bytes(t.FlashBytes))).Append(Cell(FigureText.Bytes(t.RamBytes))).Append(Cell(FigureText.Bytes(t.ArenaBytes)))
                .Append(Cell(FigureText.Bytes(t.StackBytes))).Append(Cell(FigureText.Count(t.InstructionsPerInference)))
                .Append(Cell(FigureText.Ns(t.Latency?.P50))).Append(Cell(FigureText.Ns(t.Latency?.P99))).Append(Cell(FigureText.Estimate(t.LatencyEstimate)))
                .Append("</tr>\n");
        h.Append("</table>\n");

        foreach (var plot in ReportPlots.For(report))
            h.Append("<figure><img alt=\"").Append(E(plot.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Png))
                .Append("\"><figcaption>").Append(E(plot.Caption)).Append("</figcaption></figure>\n");

        foreach (var t in report.Targets)
        {
            h.Append("<h2>").Append(E(t.Label)).Append("</h2>\n<table><tr><th>figure</th><th>value</th><th>how it was measured</th></tr>\n");
            foreach (var (figure, value, key) in FigureText.Rows(t))
                h.Append("<tr><td>").Append(E(figure)).Append("</td>").Append(Cell(value)).Append("<td class=\"how\">")
                    .Append(E(t.How.GetValueOrDefault(key) ?? "")).Append("</td></tr>\n");
            h.Append("</table>\n");
            if (t.Layers is { Count: > 0 }) Layers(h, t);
        }
        if (report.Boards.Count > 0)
        {
            h.Append("<h2>Board fit</h2>\n<table><tr><th>board</th><th>core</th><th>flash need / board</th><th>RAM need / board</th><th>fits</th><th>basis</th></tr>\n");
            foreach (var b in report.Boards)
                h.Append("<tr><td>").Append(E(b.Board)).Append("</td><td>").Append(E(b.Core)).Append("</td>")
                    .Append(Cell($"{FigureText.Bytes(b.FlashBytes)} / {FigureText.Bytes(b.BoardFlashBytes)}"))
                    .Append(Cell($"{FigureText.Bytes(b.RamBytes)} / {FigureText.Bytes(b.BoardRamBytes)}"))
                    .Append(b.Fits ? "<td class=\"ok\">yes</td>" : $"<td class=\"bad\">no: misses by {E(ProfileTables.Misses(b))}</td>")
                    .Append("<td class=\"how\">").Append(E(b.Basis)).Append("</td></tr>\n");
            h.Append("</table>\n<p class=\"note\">Need: the model's flash share; its static RAM share plus the stack high-water mark.</p>\n");
        }
    }

    private static void Layers(StringBuilder h, TargetProfile t)
    {
        h.Append("<details><summary>per layer (").Append(t.Layers!.Count).Append(" kernels): ").Append(E(t.How.GetValueOrDefault("layers") ?? ""))
            .Append("</summary>\n<table><tr><th>#</th><th>op</th><th>nodes</th><th>MACs</th><th>instructions</th><th>time</th></tr>\n");
        foreach (var l in t.Layers!)
            h.Append("<tr>").Append(Cell(l.Index.ToString())).Append("<td>").Append(E(l.Op)).Append("</td><td>").Append(E(string.Join(", ", l.Nodes)))
                .Append("</td>").Append(Cell(FigureText.Count(l.Macs))).Append(Cell(FigureText.Count(l.Instructions))).Append(Cell(FigureText.Ns(l.Ns))).Append("</tr>\n");
        h.Append("</table></details>\n");
    }

    private static void Ratios(StringBuilder h, ProfileComparison comparison)
    {
        var ratios = comparison.ToJson()["ratios"]!.AsObject();
        var figures = ratios.SelectMany(t => t.Value!.AsObject().Select(f => f.Key)).Distinct().ToList();
        h.Append("<h2 id=\"ratios\">Ratios B / A</h2>\n<table><tr><th>figure</th>");
        foreach (var (target, _) in ratios) h.Append("<th>").Append(E(target)).Append("</th>");
        h.Append("</tr>\n");
        foreach (var f in figures)
        {
            h.Append("<tr><td>").Append(E(f)).Append("</td>");
            foreach (var (_, r) in ratios)
                h.Append(Cell(r![f] is { } v ? ((double)v).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-"));
            h.Append("</tr>\n");
        }
        h.Append("</table>\n<p class=\"note\">b/a of each numeric figure of both sides, per target; '-' where either side is null or a is 0.</p>\n");
    }

    private static string Cell(string value) => $"<td class=\"num\">{E(value)}</td>";
    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The reports' shared style sheet (the profiler's and the control demo's pages look alike).</summary>
    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1150px; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; } td.num { text-align: right; white-space: nowrap; }
        td.how, .note { color: #555; font-size: 0.9em; } td.ok { color: #070; } td.bad { color: #b00; font-weight: bold; }
        figure { margin: 16px 0; } figure img { max-width: 100%; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.85em; }
        """;
}
