using System.Diagnostics;
using System.Globalization;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli;

/// <summary>
/// Training progress on stderr: one line redrawn in place on a terminal, or a line every few
/// seconds when stderr is a file or pipe (CI logs), plus the runs' own log lines.
/// </summary>
public sealed class TrainingProgressPrinter : ITrainingProgress
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private string _phase = "";
    private bool _lineOpen;
    private readonly object _gate = new();

    public void Report(TrainProgress p)
    {
        lock (_gate)
        {
            bool phaseChanged = p.Phase != _phase;
            bool last = p.TotalSteps > 0 && p.Step >= p.TotalSteps;
            var interval = _interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
            if (!phaseChanged && !last && _sinceLast.Elapsed < interval) return;
            _phase = p.Phase;
            _sinceLast.Restart();
            var line = Format(p);
            if (_interactive) { Console.Error.Write("\r" + line.PadRight(Math.Max(line.Length, Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 100))); _lineOpen = true; }
            else Console.Error.WriteLine(line);
        }
    }

    public void Log(string message)
    {
        lock (_gate)
        {
            if (_lineOpen) { Console.Error.WriteLine(); _lineOpen = false; }
            Console.Error.WriteLine(message);
        }
    }

    public void Finish() { lock (_gate) { if (_lineOpen) Console.Error.WriteLine(); _lineOpen = false; } }

    public static string Format(TrainProgress p)
    {
        var s = FormattableString.Invariant($"{p.Phase,-9}");
        if (p.TotalSteps > 0)
        {
            int width = 20, filled = (int)Math.Round(width * Math.Clamp((double)p.Step / p.TotalSteps, 0, 1));
            s += FormattableString.Invariant($" [{new string('#', filled)}{new string('.', width - filled)}] {p.Step}/{p.TotalSteps}");
        }
        if (p.Loss is double loss) s += FormattableString.Invariant($"  loss {loss:G4}");
        if (p.Metric is double m) s += FormattableString.Invariant($"  {p.MetricName ?? "metric"} {m:G4}");
        s += $"  elapsed {Duration(p.Elapsed)}";
        if (p.Eta is TimeSpan eta) s += $"  ETA {Duration(eta)}";
        return s;
    }

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F0}s");
}
