namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Folds an inference BatchNormalization into the Conv (per output channel) or the Gemm/MatMul
/// with constant weights (per output column) that feeds it: BN(y) = y*a + b with
/// a = scale/sqrt(var+eps) and b = bias - mean*a, so the weights are scaled by a and b joins the
/// bias. Only when the producer's output feeds nothing else and is not a graph output; any other
/// BatchNormalization stays as it is.
/// </summary>
public sealed class BatchNormFoldingPass : GraphPass
{
    public override string Name => "batchnorm-folding";

    protected override bool Apply(ModelGraph graph)
    {
        int folded = 0;
        // Computed once and updated per fold (only the values between producers and BNs change):
        // recomputing them per BN is quadratic in a graph of thousands of BNs.
        var producers = graph.Producers();
        var readers = GraphQueries.Readers(graph);
        foreach (var bn in graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Domain.Length == 0).ToList())
        {
            var affine = ChannelAffine.FromBatchNorm(graph, bn);
            if (affine == null) continue;
            if (!producers.TryGetValue(bn.Inputs[0], out var producer) || producer.Fused.Count > 0 || producer.Domain.Length > 0) continue;
            if (!GraphQueries.HasSingleReader(graph, readers, bn.Inputs[0])) continue;
            bool done = producer.OpType switch
            {
                "Conv" => WeightScaling.IntoConv(graph, producer, affine),
                "Gemm" => WeightScaling.IntoGemm(graph, producer, affine),
                "MatMul" => WeightScaling.IntoMatMul(graph, producer, affine),
                _ => false,
            };
            if (!done) continue;
            graph.ValueInfos.Remove(producer.Outputs[0]);
            producers.Remove(producer.Outputs[0]);
            readers.Remove(producer.Outputs[0]);
            producer.Outputs[0] = bn.Outputs[0];
            producers[bn.Outputs[0]] = producer;
            graph.Nodes.Remove(bn);
            Report($"folded BatchNormalization '{bn.Name}' into {producer.OpType} '{producer.Name}'");
            folded++;
        }
        return folded > 0;
    }
}
