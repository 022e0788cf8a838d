using ScottPlot;

namespace EdgeToolkit.Profiling;

/// <summary>A PNG plot with its caption (what it shows and how it was measured).</summary>
public sealed record PlotImage(string Title, string Caption, byte[] Png);

/// <summary>The report's plots, drawn headless with ScottPlot as PNG.</summary>
public static class ReportPlots
{
    private const int Width = 1100, Height = 420;

    public static IReadOnlyList<PlotImage> For(ProfileReport report)
    {
        var plots = new List<PlotImage>();
        // One chart per target: instruction counts of an M0 and an M4 differ by 70x and would flatten each other.
        foreach (var t in report.Targets.Where(t => t.Layers != null))
        {
            if (t.Layers!.Any(l => l.Instructions != null))
                plots.Add(LayerBars(t, l => l.Instructions, "instructions per inference", $"Per-layer instructions, {t.Label}",
                    "One bar per emitted kernel: " + (t.How.GetValueOrDefault("layers") ?? "")));
            else if (t.Layers!.Any(l => l.Ns != null))
                plots.Add(LayerBars(t, l => l.Ns, "ns per inference", $"Per-layer time, {t.Label}",
                    (t.Target == "ort" ? "One bar per ONNX Runtime node: " : "One bar per emitted kernel: ") + (t.How.GetValueOrDefault("layers") ?? "")));
        }
        foreach (var t in report.Targets.Where(t => t.LatencySamplesNs.Count > 1))
            plots.Add(Histogram(t));
        foreach (var t in report.Targets.Where(t => t.Arena is { LiveBytes.Count: > 0 }).GroupBy(t => t.Arena!.ArenaBytes).Select(g => g.First()))
            plots.Add(ArenaOverSchedule(t));
        return plots;
    }

    private static PlotImage LayerBars(TargetProfile t, Func<LayerProfile, double?> value, string unit, string title, string caption)
    {
        var plot = new Plot();
        var layers = t.Layers!;
        plot.Add.Bars(layers.Select(l => new Bar
        {
            Position = l.Index, Value = value(l) ?? 0, Size = 0.7, FillColor = new ScottPlot.Palettes.Category10().GetColor(0), LineWidth = 0,
        }).ToList());
        plot.Axes.Bottom.SetTicks(layers.Select(l => (double)l.Index).ToArray(), layers.Select(l => $"{l.Index} {l.Op}").ToArray());
        if (layers.Count > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 90;
        }
        plot.Axes.SetLimitsX(-0.6, layers.Count - 0.4);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(unit);
        plot.Title(title);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static PlotImage Histogram(TargetProfile t)
    {
        var all = t.LatencySamplesNs.Select(ns => ns / 1000.0).ToArray();
        // A few stalls (GC, another process) would stretch the axis until the distribution is one bar: cut the far tail and say so.
        var stats = t.Latency ?? LatencyStats.Of(t.LatencySamplesNs)!;
        double cut = (stats.P99 + 2 * (stats.P99 - stats.P50)) / 1000.0;
        var samples = all.Where(x => x <= cut).ToArray();
        int hidden = all.Length - samples.Length;
        double min = samples.Min(), max = samples.Max();
        if (max <= min) max = min + 1e-3;
        var hist = ScottPlot.Statistics.Histogram.WithBinCount(Math.Clamp(samples.Length / 4, 5, 60), min, max);
        hist.AddRange(samples);
        var plot = new Plot();
        plot.Add.Histogram(hist);
        if (t.Latency is { } s)
            foreach (var (p, name) in new[] { (s.P50, "p50"), (s.P99, "p99") })
            {
                var line = plot.Add.VerticalLine(p / 1000.0);
                line.Text = name;
                line.LabelOppositeAxis = true;
            }
        plot.Axes.Margins(bottom: 0);
        plot.XLabel("microseconds per inference");
        plot.YLabel("samples");
        var title = $"Latency distribution, {t.Label}";
        plot.Title(title);
        var caption = (t.How.GetValueOrDefault("p50_ns") ?? "")
            + (hidden > 0 ? $". {hidden} of {all.Length} samples above {cut:0.0} us (p99 + 2 x (p99 - p50)) are not drawn; the maximum was {stats.Max / 1000:0.0} us." : ".");
        return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static PlotImage ArenaOverSchedule(TargetProfile t)
    {
        var a = t.Arena!;
        var plot = new Plot();
        // One more point at the end so the last step gets its width in the step plot.
        int n = a.LiveBytes.Count;
        var xs = Enumerable.Range(0, n + 1).Select(i => (double)i).ToArray();
        var live = plot.Add.Scatter(xs, a.LiveBytes.Append(a.LiveBytes[^1]).Select(v => (double)v).ToArray());
        live.MarkerSize = 0;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(i => i + 0.5).ToArray(), Enumerable.Range(0, n).Select(i => i.ToString()).ToArray());
        plot.Axes.SetLimitsX(0, n);
        live.ConnectStyle = ConnectStyle.StepHorizontal;
        live.LegendText = "live bytes (union of live buffers)";
        live.LineWidth = 2;
        var top = plot.Add.HorizontalLine(a.ArenaBytes);
        top.LegendText = $"arena {a.ArenaBytes:N0} B";
        top.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimitsY(0, a.ArenaBytes * 1.25 + 1);
        plot.XLabel("step (kernel of the memory plan, in execution order)");
        plot.YLabel("bytes");
        var title = $"Arena memory over the schedule ({t.Target})";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage(title,
            "Bytes of the static arena holding live values at each step, from the generated memory plan; in-place and alias values share bytes, so this is the union of their [offset, offset+bytes) intervals. The dashed line is the arena size.",
            plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
