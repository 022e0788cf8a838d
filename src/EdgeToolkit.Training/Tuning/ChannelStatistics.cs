using EdgeToolkit.Graph;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning;

/// <summary>A value's axis whose per-index statistics importance scoring needs (a layer's output channels).</summary>
public sealed record ValueAxis(string Value, int Axis);

/// <param name="MeanAbs">Per index along the axis: mean |a| over samples and every other axis.</param>
/// <param name="Taylor">Per index: first-order Taylor importance, mean over samples of |sum over other axes of a * dL/da| (Molchanov et al. 2017).</param>
public sealed record ProbeScores(double[] MeanAbs, double[] Taylor);

/// <summary>
/// Data-driven channel importance: runs `batches` batches of the objective through the module
/// with the probed values captured, backpropagates each loss, and accumulates per-index
/// activation magnitude and Taylor scores. Axis is the value's axis in the graph (unbatched);
/// a value captured several times per loss (a decoder step run per position) accumulates over
/// every capture. Does not change the weights.
/// </summary>
/// <remarks>
/// A sample is one row of the batch, so dL/da is the gradient of the batch's loss (a mean over
/// rows): Taylor scores scale with 1/batch, which leaves their ranking unchanged. Captures of one
/// loss sum per sample before the absolute value: removing a channel removes it at every
/// position at once, and the first-order change of the loss is that sum.
/// </remarks>
public static class ChannelStatistics
{
    public static IReadOnlyDictionary<ValueAxis, ProbeScores> Measure(GraphModule module, ITuningObjective objective, IReadOnlyList<ValueAxis> probes, int batches, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        foreach (var p in probes)
            if (!module.HasValue(p.Value))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{p.Value}' is not in the graph, so its channels cannot be measured", module.Graph.SourcePath);
        var sums = probes.Distinct().ToDictionary(p => p, _ => new ProbeSums());
        var previousProbes = module.Probes.ToArray();
        module.Probes.Clear();
        module.Probes.UnionWith(probes.Select(p => p.Value));
        try
        {
            for (int b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                module.Captured.Clear();
                objective.Loss(module, rng).backward();
                using var noGrad = no_grad();
                foreach (var (probe, sum) in sums)
                    sum.Add(module.Captured.GetValueOrDefault(probe.Value) ?? new List<Tensor>(), probe, module.IsBatched(probe.Value));
                // Backward filled the parameters' gradients too; the next optimiser step must not see them.
                module.zero_grad();
            }
        }
        finally
        {
            module.Captured.Clear();
            module.Probes.Clear();
            module.Probes.UnionWith(previousProbes);
        }
        return sums.ToDictionary(kv => kv.Key, kv => kv.Value.Scores(kv.Key));
    }

    /// <summary>Running sums of one probe over every batch.</summary>
    private sealed class ProbeSums
    {
        private double[]? _abs, _taylor;
        private long _elementsPerIndex, _samples;

        public void Add(IReadOnlyList<Tensor> captures, ValueAxis probe, bool batched)
        {
            // Per sample and index: the sum of a * dL/da over every capture of this loss.
            Tensor? perSample = null;
            foreach (var a in captures)
            {
                int rank = (int)a.dim() - (batched ? 1 : 0);
                if (probe.Axis < -rank || probe.Axis >= rank)
                    throw new EdgeToolkitException(ErrorKind.BadInput, $"axis {probe.Axis} is out of range for value '{probe.Value}' of rank {rank}");
                int dim = (probe.Axis < 0 ? probe.Axis + rank : probe.Axis) + (batched ? 1 : 0);
                long size = a.size(dim), samples = batched ? a.size(0) : 1;
                Accumulate(ref _abs, movedim(a.abs(), dim, 0).reshape(size, -1).sum(1, type: ScalarType.Float64));
                _elementsPerIndex += a.numel() / size;
                var product = a.grad is { } g ? a.mul(g) : zeros_like(a);
                // Sample dim first (an unbatched value is one sample), the index second, the rest summed.
                var rows = (batched ? movedim(product, dim, 1) : movedim(product, dim, 0).unsqueeze(0)).reshape(samples, size, -1).sum(2, type: ScalarType.Float64);
                if (perSample is not null && !perSample.shape.SequenceEqual(rows.shape)) Flush(ref perSample); // other rows: other samples
                perSample = perSample is null ? rows : perSample.add(rows);
            }
            Flush(ref perSample);
        }

        private void Flush(ref Tensor? perSample)
        {
            if (perSample is null) return;
            Accumulate(ref _taylor, perSample.abs().sum(dim: 0L));
            _samples += perSample.size(0);
            perSample = null;
        }

        private static void Accumulate(ref double[]? total, Tensor values)
        {
            var v = values.contiguous().data<double>().ToArray();
            if (total == null) total = v;
            else for (int i = 0; i < v.Length; i++) total[i] += v[i];
        }

        public ProbeScores Scores(ValueAxis probe)
        {
            if (_abs == null || _taylor == null)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{probe.Value}' was never computed by the objective's loss, so its channels cannot be measured");
            return new ProbeScores(_abs.Select(s => s / _elementsPerIndex).ToArray(), _taylor.Select(s => s / _samples).ToArray());
        }
    }
}
