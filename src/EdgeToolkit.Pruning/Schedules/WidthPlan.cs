using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Apply;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Schedules;

/// <summary>
/// Turns per-group removal fractions into a selection: each group keeps a width that is a
/// multiple of RoundTo channels (and at least its floor), dropping its lowest-scored units.
/// SolveScale finds the largest overall fraction scale whose result meets a parameter target.
/// </summary>
public sealed class WidthPlan
{
    private readonly ModelGraph _graph;
    private readonly IReadOnlyList<ChannelGroup> _groups;
    private readonly IReadOnlyDictionary<int, double[]> _scores;
    private readonly int _roundTo;
    private readonly IReadOnlyDictionary<int, int> _minUnits;

    public WidthPlan(ModelGraph graph, IReadOnlyList<ChannelGroup> groups, IReadOnlyDictionary<int, double[]> scores, int roundTo,
        IReadOnlyDictionary<int, int> minUnits)
    {
        _graph = graph; _groups = groups; _scores = scores; _roundTo = Math.Max(1, roundTo); _minUnits = minUnits;
    }

    public IEnumerable<ChannelGroup> Prunable => _groups.Where(g => g.Prunable);

    /// <summary>Units kept when removing `fraction` of the group: rounded so the kept channels are a multiple of RoundTo.</summary>
    public int KeptUnits(ChannelGroup g, double fraction)
    {
        int step = _roundTo / Gcd(_roundTo, g.UnitSize);
        int kept = (int)Math.Round(g.Units * (1 - Math.Clamp(fraction, 0, 1)) / step, MidpointRounding.AwayFromZero) * step;
        int floor = Math.Max(_minUnits.GetValueOrDefault(g.Id, 1), step);
        if (g.Units % step != 0) floor = Math.Max(floor, 1);
        return Math.Clamp(Math.Max(kept, floor), 1, g.Units);
    }

    public PruneSelection Select(Func<ChannelGroup, double> fraction)
    {
        var selection = new PruneSelection();
        foreach (var g in Prunable)
        {
            int remove = g.Units - KeptUnits(g, fraction(g));
            if (remove <= 0) continue;
            var scores = _scores[g.Id];
            selection.Remove(g, Enumerable.Range(0, g.Units).OrderBy(u => scores[u]).ThenBy(u => u).Take(remove));
        }
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

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
