using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning;

/// <summary>
/// Smaller steps for the weights that read a graph input directly (Gemm, MatMul, Conv with one
/// group). Adam moves every weight by about the learning rate per step whatever the input it
/// multiplies, so a first layer on raw inputs with the standardisation folded in (health's step
/// counts in the thousands) swings its pre-activations by lr · |x|, thousands of times more than
/// in the standardised space it was trained in: health-events lost all skill in 300 steps.
/// Each such weight's step is scaled by 1 / RMS(x) of the input feature it multiplies (features
/// within ±1 keep the plain step), RMS measured on the objective's own batches.
/// </summary>
internal sealed class InputScaledSteps
{
    private const int MeasuredBatches = 4;
    private readonly List<(Parameter Weight, Tensor Scale)> _scaled;

    private InputScaledSteps(List<(Parameter, Tensor)> scaled) => _scaled = scaled;

    /// <summary>Weights (initializer names) whose steps got scaled, with their smallest scale.</summary>
    public IReadOnlyList<(string Weight, double SmallestScale)> Summary { get; private init; } = Array.Empty<(string, double)>();

    public static InputScaledSteps Measure(GraphModule module, ITuningObjective objective, Random rng)
    {
        var readers = InputReaders(module);
        if (readers.Count == 0) return new InputScaledSteps(new());
        var samples = CaptureInputs(module, objective, rng, readers.Select(r => r.Input).ToHashSet());
        var scaled = new List<(Parameter, Tensor)>();
        var summary = new List<(string, double)>();
        using var noGrad = no_grad();
        foreach (var (input, inputAxis, weight, weightAxis) in readers)
        {
            var p = module.ParameterOf(weight);
            using var scope = NewDisposeScope();
            var x = samples[input].movedim(new long[] { inputAxis + 1 }, new long[] { 0 });
            var rms = x.reshape(x.shape[0], -1).square().mean(new long[] { 1 }).sqrt();
            if (rms.shape[0] != p.shape[weightAxis] || rms.max().item<float>() <= 1) continue;
            var shape = Enumerable.Repeat(1L, (int)p.dim()).ToArray();
            shape[weightAxis] = rms.shape[0];
            var scale = (1 / rms.clamp_min(1)).reshape(shape);
            summary.Add((weight, scale.min().item<float>()));
            scaled.Add((p, scale.DetachFromDisposeScope()));
        }
        foreach (var t in samples.Values) t.Dispose();
        return new InputScaledSteps(scaled) { Summary = summary };
    }

    /// <summary>optimizer.step(), then each scaled weight's move cut to scale · move (Adam's moments do not depend on the weights).</summary>
    public void Step(optim.Optimizer optimizer)
    {
        if (_scaled.Count == 0) { optimizer.step(); return; }
        using var scope = NewDisposeScope();
        var before = _scaled.Select(s => s.Weight.detach().clone()).ToList();
        optimizer.step();
        using var _ = no_grad();
        for (int i = 0; i < _scaled.Count; i++)
        {
            var (weight, scale) = _scaled[i];
            weight.copy_(before[i] + scale * (weight - before[i]));
        }
    }

    /// <summary>(graph input, its feature axis, weight initializer, the weight's matching axis) for each direct reader.</summary>
    private static List<(string Input, int InputAxis, string Weight, int WeightAxis)> InputReaders(GraphModule module)
    {
        var graph = module.Graph;
        var trainable = module.ParameterNames.ToHashSet();
        var floatInputs = graph.Inputs.Where(i => i.Type == DataType.Float32 && i.Shape.HasRank).ToDictionary(i => i.Name, i => i.Shape.Rank);
        var readers = new List<(string Input, int InputAxis, string Weight, int WeightAxis)>();
        foreach (var node in graph.Nodes)
        {
            if (node.Inputs.Count < 2 || !floatInputs.TryGetValue(node.Inputs[0], out int rank) || !trainable.Contains(node.Inputs[1])) continue;
            int weightRank = graph.Initializers[node.Inputs[1]].Rank;
            (int InputAxis, int WeightAxis)? axes = node.OpType switch
            {
                "Gemm" when rank == 2 && node.GetInt("transA", 0) == 0 => (1, node.GetInt("transB", 0) == 1 ? 1 : 0),
                "MatMul" when weightRank == 2 => (rank - 1, 0),
                "Conv" when rank >= 3 && node.GetInt("group", 1) == 1 => (1, 1),
                _ => null,
            };
            if (axes is { } a && readers.All(r => r.Weight != node.Inputs[1])) readers.Add((node.Inputs[0], a.InputAxis, node.Inputs[1], a.WeightAxis));
        }
        return readers;
    }

    /// <summary>The inputs the objective feeds over a few batches (probed, without gradients), concatenated along the batch.</summary>
    private static Dictionary<string, Tensor> CaptureInputs(GraphModule module, ITuningObjective objective, Random rng, HashSet<string> inputs)
    {
        var added = inputs.Where(i => !module.Probes.Contains(i)).ToList();
        foreach (var i in added) module.Probes.Add(i);
        var countsBefore = inputs.ToDictionary(i => i, i => module.Captured.TryGetValue(i, out var l) ? l.Count : 0);
        try
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            for (int b = 0; b < MeasuredBatches; b++) objective.Loss(module, rng);
            return inputs.ToDictionary(i => i, i => cat(module.Captured[i].Skip(countsBefore[i]).Select(t => t.to_type(ScalarType.Float32)).ToList(), 0).DetachFromDisposeScope());
        }
        finally
        {
            foreach (var i in inputs)
                if (module.Captured.TryGetValue(i, out var list)) list.RemoveRange(countsBefore[i], list.Count - countsBefore[i]);
            foreach (var i in added) module.Probes.Remove(i);
        }
    }
}
