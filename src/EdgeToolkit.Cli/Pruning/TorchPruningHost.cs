using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Groups;
using EdgeToolkit.Pruning.Schedules;
using EdgeToolkit.Training;
using EdgeToolkit.Training.Tuning;
using TorchSharp;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>
/// The pruning schedule's link to data and training: channel statistics, loss-based layer
/// damage and fine-tuning, all through the graph run in TorchSharp (GraphModule) on the
/// model's own objective (a zoo task's loss, or distillation from the unpruned model).
/// </summary>
public sealed class TorchPruningHost : IPruningHost
{
    private readonly ITuningObjective _objective;
    private readonly UnitScoring _scoring;
    private readonly int _seed;
    private readonly Reporter _reporter;
    private readonly int _statisticsBatches, _damageBatches;
    private readonly double? _learningRate;
    private (ModelGraph Graph, double Loss)? _reference;
    private int _tuneRuns;

    public enum UnitScoring { Magnitude, Activation, Taylor }

    public TorchPruningHost(ITuningObjective objective, UnitScoring scoring, int seed, Reporter reporter, double? learningRate = null,
        int statisticsBatches = 8, int damageBatches = 4)
    {
        _objective = objective; _scoring = scoring; _seed = seed; _reporter = reporter; _learningRate = learningRate;
        _statisticsBatches = statisticsBatches; _damageBatches = damageBatches;
        TorchRuntime.Initialize(seed);
    }

    public IReadOnlyDictionary<int, double[]>? UnitScores(ModelGraph graph, IReadOnlyList<ChannelGroup> groups)
    {
        if (_scoring == UnitScoring.Magnitude) return null;
        var prunable = groups.Where(g => g.Prunable).ToList();
        var probes = prunable.SelectMany(g => g.Probes).Select(p => new ValueAxis(p.Dim.Value, p.Dim.Axis)).Distinct().ToList();
        using var module = new GraphModule(graph.Clone());
        var stats = ChannelStatistics.Measure(module, _objective, probes, _statisticsBatches, new Random(_seed));
        return prunable.ToDictionary(g => g.Id, g =>
        {
            var scores = new double[g.Units];
            foreach (var p in g.Probes)
            {
                var s = stats[new ValueAxis(p.Dim.Value, p.Dim.Axis)];
                var perIndex = _scoring == UnitScoring.Taylor ? s.Taylor : s.MeanAbs;
                for (int u = 0; u < g.Units; u++) foreach (var i in p.UnitIndices[u]) scores[u] += perIndex[i];
            }
            return scores;
        });
    }

    public double Damage(ModelGraph reference, ModelGraph candidate)
    {
        if (_reference?.Graph != reference) _reference = (reference, Loss(reference));
        return Loss(candidate) - _reference.Value.Loss;
    }

    /// <summary>Mean objective loss on the same seeded batches every call, so losses of different graphs compare.</summary>
    private double Loss(ModelGraph graph)
    {
        using var module = new GraphModule(graph.Clone());
        module.eval();
        var rng = new Random(_seed + 7919);
        double total = 0;
        using (torch.no_grad())
            for (int b = 0; b < _damageBatches; b++)
            {
                using var scope = torch.NewDisposeScope();
                total += _objective.Loss(module, rng).item<float>();
            }
        return total / _damageBatches;
    }

    public ModelGraph FineTune(ModelGraph graph, int steps, string phase)
    {
        if (steps <= 0) return graph;
        // Each phase draws fresh batches (a new seed), so interleaved fine-tuning does not revisit the same data.
        var tuned = graph.Clone();
        if (BatchNormRecalibration.Run(tuned, _objective, 8, new Random(_seed + 31 * _tuneRuns)) is int norms and > 0)
            _reporter.Progress($"{phase}: re-estimated the statistics of {norms} BatchNormalization node(s) on training batches");
        using var module = new GraphModule(tuned);
        var printer = new TrainingProgressPrinter();
        try
        {
            var log = FineTuner.Run(module, _objective, new FineTuneSettings(steps, _learningRate, _seed + 1000 * ++_tuneRuns), printer);
            _reporter.Progress($"{phase}: {steps} steps, loss {log.FirstLoss:G4} -> {log.LastLoss:G4} ({TrainingProgressPrinter.Duration(log.Duration)})");
        }
        finally { printer.Finish(); }
        module.WriteBack(tuned);
        return tuned;
    }

    public void Log(string message) => _reporter.Progress(message);
}
