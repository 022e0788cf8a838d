using System.Net;
using System.Text;
using EdgeToolkit.Profiling;

namespace EdgeToolkit.Cli.Output;

/// <summary>A demo's report: a self-contained HTML page (plots inline as PNG) of titled tables and figures.</summary>
public sealed class DemoReportHtml
{
    private readonly StringBuilder _h = new();

    public DemoReportHtml(string title, string intro)
    {
        _h.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>").Append(HtmlReport.Style).Append("</style></head><body>\n");
        _h.Append("<h1>").Append(E(title)).Append("</h1>\n<p>").Append(E(intro)).Append("</p>\n");
    }

    public DemoReportHtml Section(string title) { _h.Append("<h2>").Append(E(title)).Append("</h2>\n"); return this; }

    public DemoReportHtml Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? note = null)
    {
        _h.Append("<table><tr>");
        foreach (var c in header) _h.Append("<th>").Append(E(c)).Append("</th>");
        _h.Append("</tr>\n");
        foreach (var r in rows)
        {
            _h.Append("<tr>");
            for (int i = 0; i < r.Count; i++) _h.Append(i == 0 ? "<td>" : "<td class=\"num\">").Append(E(r[i])).Append("</td>");
            _h.Append("</tr>\n");
        }
        _h.Append("</table>\n");
        if (note != null) _h.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        return this;
    }

    public DemoReportHtml Figure(PlotImage p)
    {
        _h.Append("<figure><img alt=\"").Append(E(p.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(p.Png))
            .Append("\"><figcaption>").Append(E(p.Caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, _h + "</body></html>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
