using EdgeToolkit.CodeGen;

namespace EdgeToolkit.Profiling;

/// <summary>
/// Arena use at each step of the schedule (a step is one kernel of the memory plan, in execution
/// order), from GeneratedModel.Plan. In-place and alias values share bytes with the value they
/// overwrite, so live bytes are the union of the live buffers' [Offset, Offset+Bytes) intervals,
/// not their sum. TopBytes is the highest live address rounded up to the planner's alignment:
/// its maximum over the schedule is the arena size.
/// </summary>
public sealed record ArenaTimeline(IReadOnlyList<long> LiveBytes, IReadOnlyList<long> TopBytes, long ArenaBytes)
{
    public const int Alignment = 16;

    public long PeakLiveBytes => LiveBytes.DefaultIfEmpty(0).Max();
    public long PeakTopBytes => TopBytes.DefaultIfEmpty(0).Max();

    public static ArenaTimeline Of(GeneratedModel model)
    {
        var plan = model.Plan;
        int steps = plan.Count == 0 ? 0 : plan.Max(b => b.Last) + 1;
        var live = new long[steps];
        var top = new long[steps];
        for (int s = 0; s < steps; s++)
        {
            var intervals = plan.Where(b => b.First <= s && s <= b.Last && b.Bytes > 0)
                .Select(b => (Start: b.Offset, End: b.Offset + b.Bytes)).ToList();
            live[s] = UnionLength(intervals);
            top[s] = intervals.Count == 0 ? 0 : AlignUp(intervals.Max(i => i.End));
        }
        return new ArenaTimeline(live, top, model.ArenaBytes);
    }

    /// <summary>Total length covered by a set of half-open intervals.</summary>
    public static long UnionLength(IEnumerable<(long Start, long End)> intervals)
    {
        long total = 0, reach = long.MinValue;
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            if (end <= reach) continue;
            total += end - Math.Max(start, reach);
            reach = end;
        }
        return total;
    }

    private static long AlignUp(long bytes) => (bytes + Alignment - 1) / Alignment * Alignment;
}
