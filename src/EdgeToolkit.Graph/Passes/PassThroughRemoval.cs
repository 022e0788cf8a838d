namespace EdgeToolkit.Graph.Passes;

/// <summary>Removes a node whose output equals its first input (Identity, inference Dropout).</summary>
internal static class PassThroughRemoval
{
    /// <summary>
    /// Removes, in one sweep, the pass-throughs whose output is not a graph output (the others are
    /// left for TryRemove). One by one, each removal would rename over the whole graph: quadratic
    /// in a chain of thousands of Identity nodes.
    /// </summary>
    /// <returns>How many were removed.</returns>
    public static int RemoveInner(ModelGraph graph, IReadOnlyList<Node> passThroughs)
    {
        var map = new Dictionary<string, string>();
        var removed = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var n in passThroughs)
        {
            if (GraphQueries.IsGraphOutput(graph, n.Outputs[0])) continue;
            map[n.Outputs[0]] = n.Inputs[0];
            removed.Add(n);
        }
        if (removed.Count == 0) return 0;
        // Resolve chains (y2 -> y1 -> x) so that one lookup gives the surviving name.
        foreach (var y in map.Keys.ToList())
        {
            var x = map[y];
            for (int hops = 0; hops < map.Count && map.TryGetValue(x, out var next); hops++) x = next;
            map[y] = x;
        }
        graph.Nodes.RemoveAll(removed.Contains);
        foreach (var n in graph.Nodes) ValueRenaming.RenameReads(n, map);
        foreach (var y in map.Keys) graph.ValueInfos.Remove(y);
        return removed.Count;
    }

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
