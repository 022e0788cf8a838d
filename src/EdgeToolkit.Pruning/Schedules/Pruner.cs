using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Apply;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Pruning.Groups;
using EdgeToolkit.Pruning.Importance;

namespace EdgeToolkit.Pruning.Schedules;

/// <summary>
/// Runs a pruning method to a parameter budget. Uniform methods (l1, taylor) cut every group by
/// the same share in one step and then fine-tune. The adaptive method follows Adapt-Pruner:
/// in steps of about StepFraction of the parameters, it measures each group's importance as the
/// increase of the loss when the group alone loses ProbeFraction of its weakest units (per share
/// of parameters and instructions that saves), removes less from important groups and more from
/// unimportant ones, and fine-tunes between steps, so the network adapts before the next cut.
/// </summary>
public sealed class Pruner
{
    private readonly IPruningHost _host;
    private readonly PruneOptions _options;
    private readonly IReadOnlyList<(string Input, string Output)> _states;
    private Dictionary<int, int> _originalUnits = new();
    private readonly Dictionary<int, double> _logEfficiency = new();

    public Pruner(IPruningHost host, PruneOptions options, IReadOnlyList<(string Input, string Output)>? states = null)
    {
        if (options.Keep is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), "keep must be in (0, 1]");
        _host = host; _options = options; _states = states ?? Array.Empty<(string, string)>();
    }

    public PruneOutcome Run(ModelGraph graph)
    {
        var original = graph.Clone();
        var groups0 = GroupFinder.Find(original, _states);
        if (!groups0.Any(g => g.Prunable))
            throw new EdgeToolkitException(ErrorKind.BadInput, "nothing in this model can be pruned: " +
                string.Join("; ", groups0.Select(g => g.ToString()).DefaultIfEmpty("it has no Gemm, MatMul or Conv with constant weights")),
                file: graph.SourcePath, hint: "structured pruning removes hidden channels; a model whose every layer touches its inputs or outputs has none");
        long before = ModelSizeCounter.Parameters(original);
        long budget = (long)Math.Floor(_options.Keep * before);
        var minUnits = groups0.ToDictionary(g => g.Id, g => Math.Max(1, (int)Math.Ceiling(_options.MinKeep * g.Units)));
        _originalUnits = groups0.ToDictionary(g => g.Id, g => g.Units);
        _logEfficiency.Clear();
        var notes = new List<string>();
        var steps = new List<PruneStep>();
        var current = original;
        int tuned = 0;
        if (_options.Method == PruneMethod.Adaptive)
        {
            int count = Math.Max(1, (int)Math.Ceiling((1 - _options.Keep) / _options.StepFraction - 1e-9));
            int perStep = (int)(_options.FineTuneSteps * _options.StepShareDuring / count);
            for (int t = 1; t <= count; t++)
            {
                long target = before - (long)Math.Round((before - budget) * (double)t / count);
                var step = AdaptiveStep(current, target, budget, minUnits, t, out var next);
                if (step == null) { notes.Add($"step {t}: no further cut met {target:N0} parameters within the minimum widths"); break; }
                current = _host.FineTune(next, t < count ? perStep : 0, $"fine-tune {t}/{count}");
                if (t < count) tuned += perStep;
                steps.Add(step with { FineTuneSteps = t < count ? perStep : 0 });
            }
        }
        else
        {
            var groups = GroupFinder.Find(current, _states);
            var scores = _options.Method == PruneMethod.L1
                ? groups.Where(g => g.Prunable).ToDictionary(g => g.Id, g => MagnitudeImportance.FilterL1(current, g))
                : _host.UnitScores(current, groups) ?? throw new EdgeToolkitException(ErrorKind.BadInput,
                    "--method taylor needs data: it ranks channels by loss gradients", file: graph.SourcePath,
                    hint: "give --dataset NAME (or --calibration), or use --method l1");
            var plan = new WidthPlan(current, groups, scores, _options.RoundTo, minUnits);
            var solved = plan.SolveScale(_ => 1.0, budget, 1.0)
                ?? throw Unreachable(graph, budget, plan.Parameters(plan.Select(_ => 1.0)));
            current = GroupPruner.Apply(current, groups, solved.Selection);
            steps.Add(new PruneStep(1, budget, ModelSizeCounter.Parameters(current), UnitsOf(current), null, 0));
        }
        if (ModelSizeCounter.Parameters(current) > budget)
            throw Unreachable(graph, budget, ModelSizeCounter.Parameters(current));
        current = _host.FineTune(current, _options.FineTuneSteps - tuned, "final fine-tune");
        long after = ModelSizeCounter.Parameters(current);
        return new PruneOutcome(current, before, after, budget, Widths(groups0, GroupFinder.Find(current, _states)), steps, notes);
    }

    private PruneStep? AdaptiveStep(ModelGraph current, long target, long budget, IReadOnlyDictionary<int, int> minUnits, int index, out ModelGraph next)
    {
        next = current;
        var groups = GroupFinder.Find(current, _states);
        var scores = _host.UnitScores(current, groups)
                     ?? groups.Where(g => g.Prunable).ToDictionary(g => g.Id, g => MagnitudeImportance.GroupL2(current, g));
        var plan = new WidthPlan(current, groups, scores, _options.RoundTo, minUnits, _originalUnits);
        var efficiency = new Dictionary<int, double>();
        var damage = new Dictionary<int, double>();
        long parameters0 = ModelSizeCounter.Parameters(current);
        double work0 = Math.Max(1, WorkEstimate.Instructions(current));
        foreach (var g in plan.Prunable)
        {
            // The group's own importance: how much the loss grows when it alone loses its weakest ProbeFraction,
            // per share of the model's parameters and estimated instructions that cut saves.
            var probe = plan.Probe(g, _options.ProbeFraction);
            if (probe.IsEmpty) continue;
            var thinner = GroupPruner.Apply(current, groups, probe);
            double saved = (double)(parameters0 - ModelSizeCounter.Parameters(thinner)) / parameters0
                           + _options.TimeWeight * (work0 - WorkEstimate.Instructions(thinner)) / work0;
            damage[g.Id] = _host.Damage(current, thinner);
            efficiency[g.Id] = Math.Max(damage[g.Id], 1e-12) / Math.Max(saved, 1e-12);
        }
        var importance = Normalise(Smoothed(efficiency));
        double Shape(ChannelGroup g) => Math.Max(0, 1 - _options.Amplitude * importance.GetValueOrDefault(g.Id));
        // Where today's importances say the widths should end (at the full budget); this step goes part of the way there.
        var priority = plan.Prunable.OrderByDescending(g => importance.GetValueOrDefault(g.Id)).ToList();
        var solved = plan.SolveScale(Shape, budget, 1 / Math.Max(1e-9, plan.Prunable.Select(Shape).Where(s => s > 0).DefaultIfEmpty(1).Min()));
        if (solved == null) return null;
        var final = plan.FillUp(solved.Value.Selection, priority, budget);
        var selection = plan.FillUp(plan.Toward(final, target), priority, target);
        next = GroupPruner.Apply(current, groups, selection);
        long parameters = ModelSizeCounter.Parameters(next);
        _host.Log($"step {index}: {parameters:N0} parameters (target {target:N0}); " +
                  string.Join(", ", plan.Prunable.Select(g => $"{g.Name} {g.Units - selection.RemovedUnits(g.Id).Count}/{g.Units}")));
        return new PruneStep(index, target, parameters, UnitsOf(next),
            damage.ToDictionary(kv => groups[kv.Key].Name, kv => kv.Value), 0);
    }

    /// <summary>
    /// Layer importance in [-1, 1]: each group's damage per saving against the geometric mean over groups, on a
    /// log scale where a factor of four saturates. Ratios, not ranks: two groups that hurt alike are cut alike.
    /// </summary>
    private static Dictionary<int, double> Normalise(Dictionary<int, double> efficiency)
    {
        if (efficiency.Count == 0) return new();
        double logMean = efficiency.Values.Average(Math.Log);
        return efficiency.ToDictionary(kv => kv.Key, kv => Math.Clamp((Math.Log(kv.Value) - logMean) / Math.Log(4), -1, 1));
    }

    /// <summary>Log-efficiency averaged with the previous steps' (ImportanceMemory of the old estimate kept).</summary>
    private Dictionary<int, double> Smoothed(Dictionary<int, double> efficiency)
    {
        foreach (var (id, e) in efficiency)
        {
            double log = Math.Log(e);
            _logEfficiency[id] = _logEfficiency.TryGetValue(id, out var old) ? _options.ImportanceMemory * old + (1 - _options.ImportanceMemory) * log : log;
        }
        return efficiency.Keys.ToDictionary(id => id, id => Math.Exp(_logEfficiency[id]));
    }

    private IReadOnlyDictionary<string, int> UnitsOf(ModelGraph g) =>
        GroupFinder.Find(g, _states).Where(x => x.BlockedReason == null).ToDictionary(x => x.Name, x => x.Units * x.UnitSize);

    private static IReadOnlyList<GroupWidth> Widths(IReadOnlyList<ChannelGroup> before, IReadOnlyList<ChannelGroup> after) =>
        before.Select(b =>
        {
            var a = after.FirstOrDefault(x => x.Id == b.Id && x.Layers.SequenceEqual(b.Layers));
            return new GroupWidth(b.Name, b.Kind, b.Units, a?.Units ?? b.Units, b.UnitSize, b.Prunable ? null : b.BlockedReason ?? "a single unit");
        }).ToList();

    private EdgeToolkitException Unreachable(ModelGraph graph, long budget, long smallest) =>
        new(ErrorKind.BadInput, $"--keep {_options.Keep} asks for at most {budget:N0} parameters, but pruning every group to its minimum width leaves {smallest:N0}",
            file: graph.SourcePath, hint: "raise --keep; most of this model's parameters sit in layers that touch its inputs or outputs, which keep their width");
}
