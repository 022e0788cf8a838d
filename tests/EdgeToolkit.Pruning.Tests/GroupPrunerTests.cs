using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;
using EdgeToolkit.Pruning.Apply;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Tests;

/// <summary>
/// Removing channels that carry exact zeros cannot change a model's outputs: each case silences
/// some units, prunes them, and compares the smaller graph with the silenced original in the
/// reference evaluator (and runs the pruned file in ONNX Runtime, which checks it is valid).
/// </summary>
public class GroupPrunerTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "joined", "fc1" }, { "joined", "left + right" }, { "convs", "conv_a" }, { "convs", "conv_b" },
        { "control-msd", "fc1" }, { "control-msd", "fc2" }, { "health-events", "fc2" }, { "fashion-cnn", "conv6" },
        { "reasoning-arith", "layer1.fc1" }, { "reasoning-arith", "heads" },
    };

    private static ModelGraph Load(string model) => model switch
    {
        "joined" => TestModels.Joined(),
        "convs" => TestModels.ConvConcat(),
        _ => TestModels.Zoo(model),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PruningSilencedUnitsKeepsTheOutputs(string model, string groupName)
    {
        var graph = Load(model);
        var groups = GroupFinder.Find(graph, TestModels.DecoderStates);
        var group = groupName == "heads" ? groups.Single(g => g.Kind.StartsWith("heads", StringComparison.Ordinal))
            : groups.Single(g => g.Name.StartsWith(groupName, StringComparison.Ordinal));
        var gone = Enumerable.Range(0, group.Units).Where(u => u % 2 == 1).ToList();
        var silenced = TestModels.Silence(graph, group, gone);
        var selection = new PruneSelection();
        selection.Remove(group, gone);
        var pruned = GroupPruner.Apply(silenced, groups, selection);

        Assert.Equal(ModelSizeCounter.ParametersAfter(silenced, groups, selection), ModelSizeCounter.Parameters(pruned));
        Assert.True(ModelSizeCounter.Parameters(pruned) < ModelSizeCounter.Parameters(graph));
        foreach (var m in group.Weights)
            Assert.Equal(graph.Initializers[m.Dim.Value].Shape[m.Dim.Axis] - gone.Sum(u => m.UnitIndices[u].Length), pruned.Initializers[m.Dim.Value].Shape[m.Dim.Axis]);

        var (full, small) = Inputs(silenced, pruned, selection.RemovedIndices(groups));
        var expected = Evaluator.Run(silenced, full);
        var actual = Evaluator.Run(pruned, small);
        foreach (var output in pruned.Outputs.Select(o => o.Name))
        {
            var e = Drop(expected[output], output, selection.RemovedIndices(groups));
            Assert.Equal(e.Shape, actual[output].Shape);
            var (ev, av) = (e.ToFloatArray(), actual[output].ToFloatArray());
            for (int i = 0; i < ev.Length; i++) Assert.True(Math.Abs(ev[i] - av[i]) <= 1e-4f * (1 + Math.Abs(ev[i])), $"{output}[{i}]: {ev[i]} vs {av[i]}");
        }
        using var session = new OrtSession(pruned);
        session.Run(small);
    }

    /// <summary>Seeded inputs for the original; the pruned graph gets the same with removed state columns dropped.</summary>
    private static (Dictionary<string, Tensor> Full, Dictionary<string, Tensor> Small) Inputs(ModelGraph full, ModelGraph small,
        Dictionary<DimRef, HashSet<int>> removed)
    {
        var a = new Dictionary<string, Tensor>();
        var b = new Dictionary<string, Tensor>();
        int seed = 100;
        foreach (var input in full.Inputs)
        {
            var shape = input.Shape.ToConcrete();
            Tensor t = input.Type == DataType.Int64
                ? Tensor.FromInt64s(shape, Enumerable.Repeat(input.Name == "position" ? 5L : 3L, (int)Tensor.ElementCountOf(shape)).ToArray())
                : TestModels.Random(shape, seed++);
            if (removed.Keys.Any(k => k.Value == input.Name)) t = ZeroRemoved(t, input.Name, removed);
            a[input.Name] = t;
            b[input.Name] = Drop(t, input.Name, removed);
        }
        return (a, b);
    }

    /// <summary>A state's removed columns hold what a silenced head writes: zeros.</summary>
    private static Tensor ZeroRemoved(Tensor t, string name, Dictionary<DimRef, HashSet<int>> removed)
    {
        var c = t.Clone();
        var data = c.Floats;
        for (int axis = 0; axis < c.Rank; axis++)
        {
            if (!removed.TryGetValue(new DimRef(name, axis), out var gone)) continue;
            var strides = Tensor.Strides(c.Shape);
            for (int i = 0; i < data.Length; i++)
                if (gone.Contains(i / strides[axis] % c.Shape[axis])) data[i] = 0;
        }
        return c;
    }

    private static Tensor Drop(Tensor t, string name, Dictionary<DimRef, HashSet<int>> removed)
    {
        for (int axis = 0; axis < t.Rank; axis++)
            if (removed.TryGetValue(new DimRef(name, axis), out var gone))
                t = TensorSlicing.Keep(t, axis, Enumerable.Range(0, t.Shape[axis]).Where(i => !gone.Contains(i)).ToList());
        return t;
    }
}
