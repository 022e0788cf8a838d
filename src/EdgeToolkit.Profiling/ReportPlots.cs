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
        var mcu = report.Targets.Where(t => t.Layers != null && t.Layers.Any(l => l.Instructions != null)).ToList();
        if (mcu.Count > 0)
            plots.Add(LayerBars(mcu, l => l.Instructions, "instructions per inference",
                $"Per-layer instructions ({string.Join(", ", mcu.Select(t => t.Label))})",
                "One bar per emitted kernel and target: QEMU icount read through the board timer around each kernel in an instrumented build."));
        var timed = report.Targets.Where(t => t.Layers != null && t.Layers.Any(l => l.Ns != null) && t.Target != "ort").ToList();
        if (timed.Count > 0)
            plots.Add(LayerBars(timed, l => l.Ns, "ns per inference", "Per-layer time on the host (generated C)",
                "One bar per emitted kernel: CLOCK_MONOTONIC around each kernel in an instrumented host build, mean per inference."));
        foreach (var t in report.Targets.Where(t => t.LatencySamplesNs.Count > 1))
            plots.Add(Histogram(t));
        foreach (var t in report.Targets.Where(t => t.Arena is { LiveBytes.Count: > 0 }).GroupBy(t => t.Arena!.ArenaBytes).Select(g => g.First()))
            plots.Add(ArenaOverSchedule(t));
        return plots;
    }

    private static PlotImage LayerBars(IReadOnlyList<TargetProfile> targets, Func<LayerProfile, double?> value, string unit, string title, string caption)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int layerCount = targets.Max(t => t.Layers!.Count);
        double width = 0.8 / targets.Count;
        for (int k = 0; k < targets.Count; k++)
        {
            var color = palette.GetColor(k);
            var bars = targets[k].Layers!.Select(l => new Bar
            {
                Position = l.Index - 0.4 + width * (k + 0.5), Value = value(l) ?? 0, Size = width * 0.95, FillColor = color, LineWidth = 0,
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = targets[k].Label, FillColor = color });
        }
        var first = targets[0].Layers!;
        plot.Axes.Bottom.SetTicks(first.Select(l => (double)l.Index).ToArray(), first.Select(l => $"{l.Index} {l.Op}").ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 80;
        plot.Axes.SetLimitsX(-0.6, layerCount - 0.4);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(unit);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static PlotImage Histogram(TargetProfile t)
    {
        var samples = t.LatencySamplesNs.Select(ns => ns / 1000.0).ToArray();
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
        return new PlotImage(title, t.How.GetValueOrDefault("p50_ns") ?? "", plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static PlotImage ArenaOverSchedule(TargetProfile t)
    {
        var a = t.Arena!;
        var plot = new Plot();
        var xs = Enumerable.Range(0, a.LiveBytes.Count).Select(i => (double)i).ToArray();
        var live = plot.Add.Scatter(xs, a.LiveBytes.Select(v => (double)v).ToArray());
        live.ConnectStyle = ConnectStyle.StepHorizontal;
        live.LegendText = "live bytes (union of live buffers)";
        live.LineWidth = 2;
        var top = plot.Add.HorizontalLine(a.ArenaBytes);
        top.LegendText = $"arena {a.ArenaBytes:N0} B";
        top.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimitsY(0, a.ArenaBytes * 1.15 + 1);
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
