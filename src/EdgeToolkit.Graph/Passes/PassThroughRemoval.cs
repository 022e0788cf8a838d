namespace EdgeToolkit.Graph.Passes;

/// <summary>Removes a node whose output equals its first input (Identity, inference Dropout).</summary>
internal static class PassThroughRemoval
{
    public static bool TryRemove(ModelGraph graph, Node node)
    {
        string x = node.Inputs[0], y = node.Outputs[0];
        if (!GraphQueries.IsGraphOutput(graph, y))
        {
            graph.Nodes.Remove(node);
            ValueRenaming.RenameUses(graph, y, x);
            graph.ValueInfos.Remove(y);
            return true;
        }
        // y is a graph output and keeps its name: x's producer writes y directly instead, which is
        // only possible when x is an ordinary intermediate value.
        var producer = graph.Nodes.FirstOrDefault(n => n.Outputs.Contains(x));
        if (producer == null || GraphQueries.IsGraphOutput(graph, x)) return false;
        graph.Nodes.Remove(node);
        for (int k = 0; k < producer.Outputs.Count; k++) if (producer.Outputs[k] == x) producer.Outputs[k] = y;
        ValueRenaming.RenameUses(graph, x, y);
        graph.ValueInfos.Remove(x);
        return true;
    }
}
