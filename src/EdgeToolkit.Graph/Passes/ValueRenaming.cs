namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Renames values consistently, including where subgraphs (If branches) capture them from the
/// enclosing scope. Subgraphs are shared between graph clones, so they are copied, never edited.
/// </summary>
internal static class ValueRenaming
{
    /// <summary>Makes every reader of `from` read `to` instead (node inputs, captures, fused inputs, graph outputs).</summary>
    public static void RenameUses(ModelGraph g, string from, string to)
    {
        var map = new Dictionary<string, string> { [from] = to };
        foreach (var n in g.Nodes) RenameReads(n, map);
        for (int i = 0; i < g.Outputs.Count; i++)
            if (g.Outputs[i].Name == from) g.Outputs[i] = g.Outputs[i] with { Name = to };
    }

    /// <summary>Renames a node's inputs, fused post-op inputs and subgraph captures through the map.</summary>
    public static void RenameReads(Node n, IReadOnlyDictionary<string, string> map)
    {
        for (int i = 0; i < n.Inputs.Count; i++)
            if (map.TryGetValue(n.Inputs[i], out var r)) n.Inputs[i] = r;
        foreach (var f in n.Fused) RenameReads(f, map);
        RenameSubgraphCaptures(n, map);
    }

    public static void RenameOutputs(Node n, IReadOnlyDictionary<string, string> map)
    {
        for (int i = 0; i < n.Outputs.Count; i++)
            if (map.TryGetValue(n.Outputs[i], out var r)) n.Outputs[i] = r;
    }

    private static void RenameSubgraphCaptures(Node n, IReadOnlyDictionary<string, string> map)
    {
        foreach (var key in n.Attributes.Keys.ToList())
        {
            var a = n.Attributes[key];
            if (a.G != null)
            {
                var renamed = RenameCaptures(a.G, map);
                if (!ReferenceEquals(renamed, a.G)) n.Attributes[key] = NodeAttribute.Of(a.Name, renamed);
            }
            else if (a.Graphs != null)
            {
                var renamed = a.Graphs.Select(sg => RenameCaptures(sg, map)).ToArray();
                if (renamed.Where((sg, i) => !ReferenceEquals(sg, a.Graphs[i])).Any())
                    n.Attributes[key] = new NodeAttribute { Name = a.Name, Kind = AttributeKind.Graphs, Graphs = renamed };
            }
        }
    }

    /// <summary>A copy of the subgraph reading renamed outer values; the same object when nothing it captures is renamed.</summary>
    public static ModelGraph RenameCaptures(ModelGraph sub, IReadOnlyDictionary<string, string> map)
    {
        var local = new HashSet<string>(sub.Initializers.Keys.Concat(sub.Inputs.Select(i => i.Name)).Concat(sub.Nodes.SelectMany(n => n.Outputs)));
        var outer = map.Where(kv => !local.Contains(kv.Key) && kv.Key != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
        var captured = new HashSet<string>(sub.Nodes.SelectMany(GraphQueries.Reads).Concat(sub.Outputs.Select(o => o.Name)));
        if (!outer.Keys.Any(captured.Contains)) return sub;

        var copy = sub.Clone();
        foreach (var n in copy.Nodes) RenameReads(n, outer);
        for (int i = 0; i < copy.Outputs.Count; i++)
            if (outer.TryGetValue(copy.Outputs[i].Name, out var r)) copy.Outputs[i] = copy.Outputs[i] with { Name = r };
        foreach (var kv in outer)
            if (copy.OuterScope.Remove(kv.Key)) copy.OuterScope.Add(kv.Value);
        return copy;
    }
}
