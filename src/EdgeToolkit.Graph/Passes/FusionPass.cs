namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Folds elementwise activations, then at most one MaxPool (after a Conv only), into the float32
/// Conv/Gemm/MatMul producing their input, as post-ops in Node.Fused. The contract shared with
/// the evaluator and the C emitters: each fused node keeps its name, attributes and inputs (its
/// first input names the previous value); the producer's output becomes the last fused node's
/// output; the intermediate values disappear from ValueInfos. A consumer is absorbed only when
/// it is the sole reader of a value that is not a graph output.
/// </summary>
public sealed class FusionPass : GraphPass
{
    public override string Name => "fusion";

    protected override bool Apply(ModelGraph graph)
    {
        int fused = 0;
        // Kept up to date as nodes are absorbed: recomputing it per absorption is quadratic in a long activation chain.
        var readers = GraphQueries.Readers(graph);
        foreach (var producer in graph.Nodes.ToList())
        {
            if (!FusionRules.IsProducer(graph, producer)) continue;
            int before = producer.Fused.Count;
            while (TryAbsorbNext(graph, producer, readers)) { }
            if (producer.Fused.Count == before) continue;
            fused += producer.Fused.Count - before;
            Report($"fused {string.Join(" + ", producer.Fused.Skip(before).Select(f => f.OpType))} into {producer.OpType} '{producer.Name}'");
        }
        return fused > 0;
    }

    private static bool TryAbsorbNext(ModelGraph graph, Node producer, Dictionary<string, List<Node>> readers)
    {
        var value = producer.Outputs[0];
        if (!GraphQueries.HasSingleReader(graph, readers, value)) return false;
        var next = readers[value][0];
        if (next.Inputs.Count == 0 || next.Inputs[0] != value || next.Inputs.Skip(1).Contains(value)) return false;
        if (!FusionRules.CanFollow(graph, producer, next)) return false;

        graph.Nodes.Remove(next);
        MoveReads(readers, next, producer, value);
        var post = ModelGraph.CloneNode(next);
        if (post.OpType == "MaxPool") post.Outputs.RemoveRange(1, post.Outputs.Count - 1);
        producer.Fused.Add(post);
        producer.Outputs[0] = post.Outputs[0];
        graph.ValueInfos.Remove(value);
        return true;
    }

    /// <summary>The absorbed node's other reads become the producer's (as its fused post-op's extra inputs); the value between them is gone.</summary>
    private static void MoveReads(Dictionary<string, List<Node>> readers, Node absorbed, Node producer, string consumed)
    {
        readers.Remove(consumed);
        foreach (var v in GraphQueries.Reads(absorbed).Distinct())
        {
            if (v == consumed || !readers.TryGetValue(v, out var list)) continue;
            list.Remove(absorbed);
            if (!list.Contains(producer)) list.Add(producer);
        }
    }
}
