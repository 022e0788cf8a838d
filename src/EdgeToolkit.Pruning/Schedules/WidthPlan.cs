using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Apply;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Schedules;

/// <summary>
/// Turns per-group removal fractions into a selection: each group keeps a width that is a
/// multiple of RoundTo channels (and at least its floor), dropping its lowest-scored units.
/// Fractions are of each group's ORIGINAL width, and a group never grows back: an incremental
/// schedule then moves every group along its own path and rounds at its own pace, instead of
/// always cutting whichever group one rounding step happens to fit.
/// SolveScale finds the largest overall fraction scale whose result meets a parameter target.
/// </summary>
public sealed class WidthPlan
{
    private readonly ModelGraph _graph;
    private readonly IReadOnlyList<ChannelGroup> _groups;
    private readonly IReadOnlyDictionary<int, double[]> _scores;
    private readonly int _roundTo;
    private readonly IReadOnlyDictionary<int, int> _minUnits, _originalUnits;

    /// <param name="originalUnits">Each group's width before pruning began (by group id); missing groups use their current width.</param>
    public WidthPlan(ModelGraph graph, IReadOnlyList<ChannelGroup> groups, IReadOnlyDictionary<int, double[]> scores, int roundTo,
        IReadOnlyDictionary<int, int> minUnits, IReadOnlyDictionary<int, int>? originalUnits = null)
    {
        _graph = graph; _groups = groups; _scores = scores; _roundTo = Math.Max(1, roundTo); _minUnits = minUnits;
        _originalUnits = originalUnits ?? new Dictionary<int, int>();
    }

    public IEnumerable<ChannelGroup> Prunable => _groups.Where(g => g.Prunable);

    /// <summary>Units kept when `fraction` of the group's original width is gone: rounded so the kept channels are a multiple of RoundTo.</summary>
    public int KeptUnits(ChannelGroup g, double fraction)
    {
        int step = Step(g);
        int basis = _originalUnits.GetValueOrDefault(g.Id, g.Units);
        int kept = (int)Math.Round(basis * (1 - Math.Clamp(fraction, 0, 1)) / step, MidpointRounding.AwayFromZero) * step;
        int floor = Math.Max(_minUnits.GetValueOrDefault(g.Id, 1), step);
        if (g.Units % step != 0) floor = Math.Max(floor, 1);
        return Math.Clamp(Math.Max(kept, floor), 1, g.Units);
    }

    public PruneSelection Select(Func<ChannelGroup, double> fraction) => Keep(Prunable.ToDictionary(g => g.Id, g => KeptUnits(g, fraction(g))));

    /// <summary>Each group keeps its `kept` highest-scored units.</summary>
    public PruneSelection Keep(IReadOnlyDictionary<int, int> kept)
    {
        var selection = new PruneSelection();
        foreach (var g in Prunable)
        {
            int remove = g.Units - kept.GetValueOrDefault(g.Id, g.Units);
            if (remove <= 0) continue;
            var scores = _scores[g.Id];
            selection.Remove(g, Enumerable.Range(0, g.Units).OrderBy(u => scores[u]).ThenBy(u => u).Take(remove));
        }
        return selection;
    }

    /// <summary>
    /// The selection that moves every group the same share of the way from its current width to its width in `final`,
    /// the smallest share whose parameters meet `target` (each width rounded to whole steps, never past `final`).
    /// </summary>
    public PruneSelection Toward(PruneSelection final, long target)
    {
        var end = Prunable.ToDictionary(g => g.Id, g => g.Units - final.RemovedUnits(g.Id).Count);
        Dictionary<int, int> At(double share) => Prunable.ToDictionary(g => g.Id, g =>
        {
            int step = Step(g);
            int gap = g.Units - end[g.Id];
            return end[g.Id] + (int)Math.Round(gap * (1 - share) / step, MidpointRounding.AwayFromZero) * step;
        });
        if (Parameters(Keep(At(0))) <= target) return Keep(At(0));
        double lo = 0, hi = 1;
        for (int i = 0; i < 30; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Parameters(Keep(At(mid))) <= target) hi = mid; else lo = mid;
        }
        return Keep(At(hi));
    }

    /// <summary>
    /// Gives units back, one rounding step at a time, to the groups in `priority` order while the parameters stay within
    /// `target`: rounding makes the solved cut overshoot, and the budget it leaves is better spent than lost.
    /// </summary>
    public PruneSelection FillUp(PruneSelection selection, IReadOnlyList<ChannelGroup> priority, long target)
    {
        var kept = Prunable.ToDictionary(g => g.Id, g => g.Units - selection.RemovedUnits(g.Id).Count);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var g in priority.Where(g => g.Prunable))
            {
                int step = Step(g);
                if (kept[g.Id] + step > g.Units) continue;
                kept[g.Id] += step;
                if (Parameters(Keep(kept)) <= target) { grew = true; break; }
                kept[g.Id] -= step;
            }
        }
        return Keep(kept);
    }

    /// <summary>The group alone losing `fraction` of its CURRENT units (its weakest; at least one rounding step).</summary>
    public PruneSelection Probe(ChannelGroup g, double fraction)
    {
        int step = Step(g);
        int remove = Math.Max(step, (int)Math.Round(g.Units * fraction / step) * step);
        var selection = new PruneSelection();
        if (remove < g.Units) selection.Remove(g, Enumerable.Range(0, g.Units).OrderBy(u => _scores[g.Id][u]).ThenBy(u => u).Take(remove));
        return selection;
    }

    public long Parameters(PruneSelection s) => ModelSizeCounter.ParametersAfter(_graph, _groups, s);

    /// <summary>
    /// The selection for the smallest scale c in [0, maxScale] with fraction(g) = c * shape(g) whose parameters are at most
    /// `target` (bisection: parameters fall as c grows, in steps because of rounding). Null when even maxScale misses it.
    /// </summary>
    public (PruneSelection Selection, double Scale)? SolveScale(Func<ChannelGroup, double> shape, long target, double maxScale)
    {
        PruneSelection At(double c) => Select(g => c * shape(g));
        if (Parameters(At(maxScale)) > target) return null;
        double lo = 0, hi = maxScale;
        if (Parameters(At(0)) <= target) return (At(0), 0);
        for (int i = 0; i < 40; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Parameters(At(mid)) <= target) hi = mid; else lo = mid;
        }
        return (At(hi), hi);
    }

    /// <summary>Units per rounding step: the fewest whole units whose channels are a multiple of RoundTo.</summary>
    private int Step(ChannelGroup g) => _roundTo / Gcd(_roundTo, g.UnitSize);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
