using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Profiling;
using ScottPlot;

namespace EdgeToolkit.Cli.Control;

/// <summary>The control report's plots (PNG, headless): tracking, error and command over time.</summary>
public static class ControlPlots
{
    private const int Width = 1100, Height = 380;
    private static readonly Color ReferenceColor = Colors.Black, NewtonColor = new("#1f77b4"), PidColor = new("#d62728"), OtherColor = new("#2ca02c");

    /// <summary>One tracking plot per tracked output: the reference and every run (labelled).</summary>
    public static IEnumerable<PlotImage> Tracking(IReadOnlyList<(string Label, ClosedLoopResult Run)> runs, string caption)
    {
        var first = runs[0].Run;
        for (int o = 0; o < first.OutputNames.Count; o++)
        {
            if (!first.Tracked[o]) continue;
            var plot = new Plot();
            var t = first.Log.Time.ToArray();
            Line(plot, t, first.Log.Reference.Select(r => r[o]).ToArray(), ReferenceColor, "reference", pattern: LinePattern.Dashed);
            for (int i = 0; i < runs.Count; i++)
                Line(plot, runs[i].Run.Log.Time.ToArray(), runs[i].Run.Log.TrueOutput.Select(y => y[o]).ToArray(), ColorOf(runs[i].Label, i), runs[i].Label);
            plot.XLabel("time (s)");
            plot.YLabel(first.OutputNames[o]);
            var title = $"{first.Plant}, {first.Reference}: {first.OutputNames[o]}";
            plot.Title(title);
            plot.ShowLegend(Alignment.UpperRight);
            yield return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        }
    }

    /// <summary>Tracking error (reference - true output) of each run, all tracked outputs normalised by their scale.</summary>
    public static PlotImage Error(IReadOnlyList<(string Label, ClosedLoopResult Run)> runs, IReadOnlyList<float> scale, string caption)
    {
        var plot = new Plot();
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i].Run;
            var e = r.Log.Reference.Zip(r.Log.TrueOutput, (rf, y) =>
                Math.Sqrt(Enumerable.Range(0, rf.Length).Where(o => r.Tracked[o]).Select(o => Math.Pow((rf[o] - y[o]) / scale[o], 2)).Average())).ToArray();
            Line(plot, r.Log.Time.ToArray(), e.Select(v => v * 100).ToArray(), ColorOf(runs[i].Label, i), runs[i].Label);
        }
        plot.XLabel("time (s)");
        plot.YLabel("tracking error (% of output range)");
        var title = $"{runs[0].Run.Plant}, {runs[0].Run.Reference}: tracking error";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>The commands each run sent (first command channel, or all when there are few).</summary>
    public static PlotImage Commands(IReadOnlyList<(string Label, ClosedLoopResult Run)> runs, IReadOnlyList<string> inputNames, string caption)
    {
        var plot = new Plot();
        int channels = Math.Min(2, inputNames.Count);
        for (int i = 0; i < runs.Count; i++)
            for (int c = 0; c < channels; c++)
                Line(plot, runs[i].Run.Log.Time.ToArray(), runs[i].Run.Log.Command.Select(u => u[c]).ToArray(), ColorOf(runs[i].Label, i),
                    channels > 1 ? $"{runs[i].Label} {inputNames[c]}" : runs[i].Label, c == 0 ? LinePattern.Solid : LinePattern.Dotted);
        plot.XLabel("time (s)");
        plot.YLabel(channels > 1 ? "command" : inputNames[0]);
        var title = $"{runs[0].Run.Plant}, {runs[0].Run.Reference}: commands";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>Horizontal bars: a share of a whole (flash of the board, time of the control period).</summary>
    public static PlotImage Shares(string title, string unit, IReadOnlyList<(string Label, double Value)> bars, double whole, string caption)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        plot.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = i, Value = b.Value, Size = 0.6, FillColor = palette.GetColor(i), LineWidth = 0, Orientation = Orientation.Horizontal,
            Label = $"{b.Value:N0} {unit} ({b.Value / whole:P1})",
        }).ToList());
        plot.Axes.Left.SetTicks(bars.Select((_, i) => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.SetLimitsX(0, whole);
        plot.XLabel($"{unit} (axis = the whole: {whole:N0})");
        plot.Title(title);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, 90 + 60 * bars.Count, ImageFormat.Png));
    }

    private static Color ColorOf(string label, int i) =>
        label.StartsWith("NR", StringComparison.OrdinalIgnoreCase) ? (label.Contains("board") ? OtherColor : NewtonColor)
        : label.StartsWith("PID", StringComparison.OrdinalIgnoreCase) ? PidColor : new ScottPlot.Palettes.Category10().GetColor(i + 3);

    private static void Line(Plot plot, double[] x, double[] y, Color color, string label, LinePattern? pattern = null)
    {
        var s = plot.Add.ScatterLine(x, y, color);
        s.LegendText = label;
        s.LineWidth = 1.5f;
        if (pattern is { } p) s.LinePattern = p;
    }
}
