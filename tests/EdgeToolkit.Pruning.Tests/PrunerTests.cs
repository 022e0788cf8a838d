using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Pruning.Groups;
using EdgeToolkit.Pruning.Schedules;

namespace EdgeToolkit.Pruning.Tests;

public class PrunerTests
{
    /// <summary>No data, no training: layer damage is how far the outputs move on seeded inputs (evaluator), as a loss would.</summary>
    private sealed class EvaluatorHost : IPruningHost
    {
        public Dictionary<string, double> DamageScale { get; } = new();
        public int TunedSteps { get; private set; }
        public List<string> Logs { get; } = new();

        public IReadOnlyDictionary<int, double[]>? UnitScores(ModelGraph graph, IReadOnlyList<ChannelGroup> groups) => null;

        public double Damage(ModelGraph reference, ModelGraph candidate)
        {
            double d = 0;
            for (int s = 0; s < 4; s++)
            {
                var x = reference.Inputs.ToDictionary(i => i.Name, i => TestModels.Random(i.Shape.ToConcrete(), 500 + s));
                var a = Evaluator.Run(reference, x)[reference.Outputs[0].Name].ToFloatArray();
                var b = Evaluator.Run(candidate, x)[candidate.Outputs[0].Name].ToFloatArray();
                d += a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second));
            }
            // Which group was thinned: the one whose producer weight lost rows.
            var thinned = DamageScale.Keys.FirstOrDefault(w => candidate.Initializers[w].Length < reference.Initializers[w].Length);
            return d * (thinned != null ? DamageScale[thinned] : 1);
        }

        public ModelGraph FineTune(ModelGraph graph, int steps, string phase) { TunedSteps += steps; return graph; }
        public void Log(string message) => Logs.Add(message);
    }

    [Fact]
    public void UniformL1CutsEveryGroupAlikeToTheBudgetInMultiplesOfTheRounding()
    {
        var graph = TestModels.Zoo("control-msd");
        var host = new EvaluatorHost();
        var outcome = new Pruner(host, new PruneOptions(0.5, PruneMethod.L1, RoundTo: 4, FineTuneSteps: 300)).Run(graph);
        Assert.True(outcome.ParametersAfter <= 0.5 * outcome.ParametersBefore);
        Assert.Equal(ModelSizeCounter.Parameters(outcome.Graph), outcome.ParametersAfter);
        var hidden = outcome.Widths.Where(w => w.NotPrunedBecause == null).ToList();
        Assert.Equal(2, hidden.Count);
        Assert.Equal(hidden[0].UnitsAfter, hidden[1].UnitsAfter);
        Assert.All(hidden, w => Assert.Equal(0, w.UnitsAfter % 4));
        // 20 units each: 7*20+20 + 20*20+20 + 20*2+2 = 622 <= 689; 24 each would be 914.
        Assert.Equal(20, hidden[0].UnitsAfter);
        Assert.Equal(300, host.TunedSteps);
    }

    [Fact]
    public void L1KeepsTheChannelsWithTheLargestFilters()
    {
        var graph = TestModels.Zoo("control-msd");
        var w = graph.Initializers[graph.Nodes.First(n => n.Name == "fc1").Inputs[1]];
        var outcome = new Pruner(new EvaluatorHost(), new PruneOptions(0.5, PruneMethod.L1)).Run(graph);
        var kept = outcome.Graph.Initializers[graph.Nodes.First(n => n.Name == "fc1").Inputs[1]];
        // fc1's weight is [32, 7] (transB): its 20 kept rows are the 20 of largest L1 norm, in their original order.
        bool transB = graph.Nodes.First(n => n.Name == "fc1").GetInt("transB", 0) != 0;
        Assert.True(transB);
        // A filter is the unit's weights and its bias: both produce the channel.
        var bias = graph.Initializers[graph.Nodes.First(n => n.Name == "fc1").Inputs[2]].Floats;
        var norms = Enumerable.Range(0, 32).Select(r => Enumerable.Range(0, 7).Sum(c => Math.Abs(w.Floats[r * 7 + c])) + Math.Abs(bias[r])).ToArray();
        var expected = Enumerable.Range(0, 32).OrderByDescending(r => norms[r]).Take(20).Order().ToList();
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(w.Floats.Skip(expected[i] * 7).Take(7), kept.Floats.Skip(i * 7).Take(7));
    }

    [Fact]
    public void AdaptiveKeepsMoreOfTheLayerWhoseThinningHurtsMore()
    {
        var graph = TestModels.Zoo("control-msd");
        var fc1 = graph.Nodes.First(n => n.Name == "fc1").Inputs[1];
        var fc2 = graph.Nodes.First(n => n.Name == "fc2").Inputs[1];
        var runs = new Dictionary<string, PruneOutcome>();
        foreach (var (name, important) in new[] { ("fc1", fc1), ("fc2", fc2) })
        {
            var host = new EvaluatorHost();
            host.DamageScale[important] = 1000;
            host.DamageScale[important == fc1 ? fc2 : fc1] = 0.001;
            runs[name] = new Pruner(host, new PruneOptions(0.5, PruneMethod.Adaptive, FineTuneSteps: 100)).Run(graph);
            Assert.True(runs[name].ParametersAfter <= runs[name].Budget);
            Assert.Equal(100, host.TunedSteps);
            Assert.True(runs[name].Steps.Count >= 5, "about 5% of the parameters per step");
        }
        int Units(PruneOutcome o, string group) => o.Widths.Single(w => w.Group == group).UnitsAfter;
        Assert.True(Units(runs["fc1"], "fc1") > Units(runs["fc1"], "fc2"));
        Assert.True(Units(runs["fc2"], "fc2") > Units(runs["fc2"], "fc1"));
    }

    [Fact]
    public void AnUnreachableBudgetIsAClearError()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new Pruner(new EvaluatorHost(), new PruneOptions(0.02, PruneMethod.L1)).Run(TestModels.Zoo("control-msd")));
        Assert.Contains("--keep 0.02", e.Message);
        Assert.Contains("raise --keep", e.Hint);
    }

    [Fact]
    public void AModelWithoutHiddenChannelsSaysSo()
    {
        var b = new GraphBuilder("linear");
        b.Input("x", DataType.Float32, 1, 4);
        b.Output(b.Rename(b.OpNamed("fc", "Gemm", new[] { "x", b.Constant("w", TestModels.Random(new[] { 4, 3 }, 1)) }), "y"));
        var e = Assert.Throws<EdgeToolkitException>(() => new Pruner(new EvaluatorHost(), new PruneOptions(0.5)).Run(b.Graph));
        Assert.Contains("nothing in this model can be pruned", e.Message);
        Assert.Contains("'y'", e.Message);
    }
}
