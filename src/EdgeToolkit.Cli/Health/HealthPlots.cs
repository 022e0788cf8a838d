using EdgeToolkit.Profiling;
using EdgeToolkit.Training.Health;
using ScottPlot;

namespace EdgeToolkit.Cli.Health;

/// <summary>The health report's plots (PNG, headless): accuracy against the baselines, the streamed month, and the scale against TinyLlama.</summary>
public static class HealthPlots
{
    private const int Width = 1100;

    /// <summary>Grouped bars: per task, macro-F1 of each baseline and model.</summary>
    public static PlotImage Accuracy(IReadOnlyList<(string Label, double[] PerTask)> series, string caption)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int tasks = HealthLabels.Tasks, n = series.Count;
        double width = 0.8 / n;
        for (int s = 0; s < n; s++)
        {
            var bars = Enumerable.Range(0, tasks).Select(t => new Bar
            {
                Position = t + (s - (n - 1) / 2.0) * width, Value = series[s].PerTask[t], Size = width * 0.9, FillColor = palette.GetColor(s), LineWidth = 0,
                Label = series[s].PerTask[t].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            }).ToList();
            var b = plot.Add.Bars(bars);
            b.LegendText = series[s].Label;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, tasks).Select(t => (double)t).ToArray(), HealthLabels.TaskNames);
        plot.Axes.SetLimitsY(0, 1);
        plot.YLabel("macro-F1 on held-out people");
        plot.Title("Next-day prediction: models against the baselines");
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage("accuracy", caption, plot.GetImageBytes(Width, 420, ImageFormat.Png));
    }

    /// <summary>One strip per task: the class the board predicted for each day of the month, and the class the person reported.</summary>
    public static PlotImage Month(IReadOnlyList<MonthPrediction> days, string caption)
    {
        var plot = new Plot();
        var x0 = days[0].Target;
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            double offset = (HealthLabels.Tasks - 1 - t) * 4;
            var xs = days.Select(d => (double)(d.Target.DayNumber - x0.DayNumber)).ToArray();
            var predicted = plot.Add.ScatterLine(xs, days.Select(d => offset + d.Board[t]).ToArray(), new Color("#1f77b4"));
            predicted.LineWidth = 1.5f;
            predicted.MarkerSize = 6;
            if (t == 0) predicted.LegendText = "predicted on the board";
            var reported = days.Where(d => d.Reported != null).ToList();
            var marks = plot.Add.ScatterPoints(reported.Select(d => (double)(d.Target.DayNumber - x0.DayNumber)).ToArray(),
                reported.Select(d => offset + d.Reported![t] + 0.15).ToArray(), new Color("#d62728"));
            marks.MarkerSize = 8;
            marks.MarkerShape = MarkerShape.OpenCircle;
            if (t == 0) marks.LegendText = "reported by the person";
        }
        var ticks = new List<(double, string)>();
        for (int t = 0; t < HealthLabels.Tasks; t++)
            for (int c = 0; c < HealthLabels.Classes; c++)
                ticks.Add(((HealthLabels.Tasks - 1 - t) * 4 + c, $"{HealthLabels.TaskNames[t]} {HealthLabels.ClassNames[t][c]}"));
        plot.Axes.Left.SetTicks(ticks.Select(k => k.Item1).ToArray(), ticks.Select(k => k.Item2).ToArray());
        plot.XLabel($"day of the month (day 0 = {x0:yyyy-MM-dd})");
        plot.Title("The streamed month: the board's next-day predictions and the self-reports");
        plot.ShowLegend(Alignment.UpperRight);
        return new PlotImage("month", caption, plot.GetImageBytes(Width, 520, ImageFormat.Png));
    }

    /// <summary>Horizontal bars on a log10 axis (memory in bytes, or seconds per prediction), each labelled with its value.</summary>
    public static PlotImage LogBars(string title, string unit, IReadOnlyList<(string Label, double Value)> bars, Func<double, string> format, string caption)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double floor = Math.Floor(Math.Log10(bars.Min(b => b.Value))) - 1;
        plot.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = i, ValueBase = floor, Value = Math.Log10(b.Value), Size = 0.6, FillColor = palette.GetColor(i), LineWidth = 0,
            Orientation = Orientation.Horizontal, Label = format(b.Value),
        }).ToList());
        plot.Axes.Left.SetTicks(bars.Select((_, i) => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        double top = Math.Ceiling(Math.Log10(bars.Max(b => b.Value))) + 1;
        var decades = Enumerable.Range((int)floor, (int)(top - floor) + 1).Select(d => (double)d).ToArray();
        plot.Axes.Bottom.SetTicks(decades, decades.Select(d => $"1e{d:0}").ToArray());
        plot.Axes.SetLimitsX(floor, top);
        plot.XLabel($"{unit} (log scale)");
        plot.Title(title);
        return new PlotImage(title, caption, plot.GetImageBytes(Width, 90 + 55 * bars.Count, ImageFormat.Png));
    }
}
