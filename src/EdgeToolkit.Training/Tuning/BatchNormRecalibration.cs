using EdgeToolkit.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning;

/// <summary>
/// Re-estimates BatchNormalization's running mean and variance after pruning. Removing a layer's
/// input channels shifts the distribution of its outputs, but GraphModule runs BatchNorm in its
/// inference form with the stored statistics, which would then normalise with stale ones.
/// Each BatchNorm in graph order gets the mean and (biased, as in training) variance of its
/// input over `batches` training batches of the objective, with every earlier one already
/// recalibrated, as a forward pass in training mode would give them.
/// </summary>
public static class BatchNormRecalibration
{
    /// <returns>How many BatchNormalization nodes were recalibrated (their statistics are replaced in `graph`).</returns>
    public static int Run(ModelGraph graph, ITuningObjective objective, int batches, Random rng)
    {
        var norms = graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Inputs.Count >= 5
                                           && graph.IsInitializer(n.Inputs[3]) && graph.IsInitializer(n.Inputs[4])).ToList();
        foreach (var bn in norms)
        {
            using var module = new GraphModule(graph);
            module.eval();
            module.Probes.Add(bn.Inputs[0]);
            int channels = graph.Initializers[bn.Inputs[3]].Length;
            var sum = new double[channels];
            var squares = new double[channels];
            long count = 0;
            using (no_grad())
                for (int b = 0; b < batches; b++)
                {
                    using var scope = NewDisposeScope();
                    module.Captured.Clear();
                    objective.Loss(module, rng);
                    foreach (var x in module.Captured.GetValueOrDefault(bn.Inputs[0]) ?? new List<torch.Tensor>())
                    {
                        // The channel axis is 1 in the graph, one further with the batch axis in front.
                        int dim = module.IsBatched(bn.Inputs[0]) ? 2 : 1;
                        var perChannel = movedim(x, dim, 0).reshape(channels, -1).to(ScalarType.Float64);
                        var s = perChannel.sum(1).data<double>().ToArray();
                        var q = perChannel.square().sum(1).data<double>().ToArray();
                        for (int c = 0; c < channels; c++) { sum[c] += s[c]; squares[c] += q[c]; }
                        count += perChannel.shape[1];
                    }
                }
            module.Captured.Clear();
            if (count == 0) continue;
            var mean = sum.Select(v => (float)(v / count)).ToArray();
            var variance = squares.Select((v, c) => (float)Math.Max(0, v / count - (double)mean[c] * mean[c])).ToArray();
            graph.Initializers[bn.Inputs[3]] = Graph.Tensor.FromFloats(new[] { channels }, mean);
            graph.Initializers[bn.Inputs[4]] = Graph.Tensor.FromFloats(new[] { channels }, variance);
        }
        return norms.Count;
    }
}
