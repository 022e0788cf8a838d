using EdgeToolkit.Wearable.Iot.Features;

namespace EdgeToolkit.Wearable.Iot.Prediction;

/// <summary>
/// The last N sensed days and the model's input for the day after them: N days x 18 columns,
/// oldest first (a day not sensed is all zeros, flags 0), then the target day's weekday one-hot,
/// Monday first: the layout of docs/health-data.md ("The task").
/// </summary>
public sealed class DayWindow
{
    private readonly SortedDictionary<DateOnly, float[]> _days = new();

    public DayWindow(int days = 7)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), "a window holds at least one day");
        Days = days;
    }

    public int Days { get; }
    public int InputSize => Days * DayColumns.Count + 7;
    public DateOnly? Latest => _days.Count == 0 ? null : _days.Keys.Last();

    /// <summary>Adds (or replaces) a day; days older than the window before the latest are dropped.</summary>
    public void Push(DateOnly date, float[] columns)
    {
        if (columns.Length != DayColumns.Count)
            throw new ArgumentException($"a day has {DayColumns.Count} columns ({string.Join(", ", DayColumns.Names)}), got {columns.Length}", nameof(columns));
        _days[date] = (float[])columns.Clone();
        var oldest = Latest!.Value.AddDays(-Days + 1);
        foreach (var d in _days.Keys.Where(d => d < oldest).ToList()) _days.Remove(d);
    }

    /// <summary>True when at least half the days before tomorrow (the day after the latest) were worn, the training windows' rule.</summary>
    public bool Ready => Latest is DateOnly latest && WornDaysBefore(latest.AddDays(1)) * 2 >= Days;

    public int WornDaysBefore(DateOnly target) =>
        Enumerable.Range(1, Days).Count(k => _days.TryGetValue(target.AddDays(-k), out var c) && c[DayColumns.Worn] == 1f);

    public float[] InputFor(DateOnly target)
    {
        var x = new float[InputSize];
        for (int k = 0; k < Days; k++)
            if (_days.TryGetValue(target.AddDays(k - Days), out var c)) c.CopyTo(x, k * DayColumns.Count);
        x[Days * DayColumns.Count + ((int)target.DayOfWeek + 6) % 7] = 1f;
        return x;
    }
}
