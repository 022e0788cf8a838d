namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Drops nodes none of whose outputs is used (by a later node, a subgraph capture, a fused
/// post-op, or as a graph output), then initializers and value infos nothing refers to.
/// Graph inputs stay even when unused: they are the model's calling convention.
/// </summary>
public sealed class DeadNodeEliminationPass : GraphPass
{
    public override string Name => "dead-node-elimination";

    protected override bool Apply(ModelGraph graph)
    {
        var live = new HashSet<string>(graph.Outputs.Select(o => o.Name));
        var keep = new List<Node>();
        for (int i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            var n = graph.Nodes[i];
            if (!n.Outputs.Any(live.Contains)) continue;
            keep.Add(n);
            foreach (var v in GraphQueries.Reads(n)) live.Add(v);
        }
        keep.Reverse();
        int nodes = graph.Nodes.Count - keep.Count;
        graph.Nodes.Clear();
        graph.Nodes.AddRange(keep);

        var deadInits = graph.Initializers.Keys.Where(k => !live.Contains(k)).ToList();
        foreach (var k in deadInits) graph.Initializers.Remove(k);

        var produced = new HashSet<string>(keep.SelectMany(n => n.Outputs));
        var deadInfos = graph.ValueInfos.Keys.Where(k => !produced.Contains(k) && !live.Contains(k) || graph.IsInitializer(k)).ToList();
        foreach (var k in deadInfos) graph.ValueInfos.Remove(k);

        if (nodes > 0) Report($"removed {nodes} unused nodes");
        if (deadInits.Count > 0) Report($"removed {deadInits.Count} unused initializers");
        return nodes + deadInits.Count + deadInfos.Count > 0;
    }
}
