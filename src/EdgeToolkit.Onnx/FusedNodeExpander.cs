using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Writes a fused node back as the plain ONNX nodes it stands for (producer, then each post-op),
/// so ONNX Runtime can run a graph after the fusion pass. The producer's output is the last
/// post-op's output (FusionPass contract); the values in between get names unused in the graph,
/// preferring the name each post-op recorded for its first input.
/// </summary>
internal static class FusedNodeExpander
{
    public static IEnumerable<Node> Expand(Node fused, ISet<string> usedNames)
    {
        if (fused.Fused.Count == 0) { yield return fused; yield break; }

        var finalOutput = fused.Outputs[0];
        var producer = new Node(fused.Name, fused.OpType, fused.Inputs, fused.Outputs, fused.Domain);
        foreach (var kv in fused.Attributes) producer.Attributes[kv.Key] = kv.Value;
        var previous = Fresh(fused.Fused[0], fused.Name, usedNames);
        producer.Outputs[0] = previous;
        yield return producer;

        for (int k = 0; k < fused.Fused.Count; k++)
        {
            var post = fused.Fused[k];
            bool last = k == fused.Fused.Count - 1;
            var output = last ? finalOutput : Fresh(fused.Fused[k + 1], post.Name, usedNames);
            var inputs = new[] { previous }.Concat(post.Inputs.Skip(1));
            var node = new Node(post.Name, post.OpType, inputs, new[] { output }, post.Domain);
            foreach (var kv in post.Attributes) node.Attributes[kv.Key] = kv.Value;
            yield return node;
            previous = output;
        }
    }

    private static string Fresh(Node consumer, string producerName, ISet<string> used)
    {
        var preferred = consumer.Inputs.Count > 0 && consumer.Inputs[0].Length > 0 ? consumer.Inputs[0] : $"{producerName}_out";
        var name = preferred;
        for (int i = 1; used.Contains(name); i++) name = $"{preferred}_{i}";
        used.Add(name);
        return name;
    }
}
