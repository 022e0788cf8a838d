namespace EdgeToolkit.Graph.Passes;

/// <summary>Inlines one subgraph (an If branch) in place of the node that owns it.</summary>
internal static class BranchInliner
{
    /// <param name="reserved">names visible from enclosing scopes when parent is itself a subgraph: locals must not shadow them.</param>
    public static void Inline(ModelGraph parent, Node owner, ModelGraph branch, IEnumerable<string>? reserved = null)
    {
        var used = GraphQueries.UsedNames(parent);
        if (reserved != null) used.UnionWith(reserved);
        var map = LocalNameMap(branch, owner, used);

        var inlined = new List<Node>();
        foreach (var bn in branch.Nodes)
        {
            var n = ModelGraph.CloneNode(bn);
            ValueRenaming.RenameReads(n, map);
            ValueRenaming.RenameOutputs(n, map);
            n.Name = GraphQueries.Fresh(used, n.Name);
            inlined.Add(n);
        }
        // A branch output that is not the own result of a branch node (an outer value, an
        // initializer, or the same value listed twice) reaches the If's output through an Identity.
        for (int k = 0; k < owner.Outputs.Count && k < branch.Outputs.Count; k++)
        {
            var target = owner.Outputs[k];
            var source = map.GetValueOrDefault(branch.Outputs[k].Name, branch.Outputs[k].Name);
            if (target.Length == 0 || source == target) continue;
            inlined.Add(new Node(GraphQueries.Fresh(used, $"{owner.Name}_out{k}"), "Identity", new[] { source }, new[] { target }));
        }

        foreach (var (name, t) in branch.Initializers) parent.Initializers[map[name]] = t;
        foreach (var (name, info) in branch.ValueInfos)
            if (map.TryGetValue(name, out var renamed) && !parent.ValueInfos.ContainsKey(renamed))
                parent.ValueInfos[renamed] = info with { Name = renamed };

        int at = parent.Nodes.IndexOf(owner);
        parent.Nodes.RemoveAt(at);
        parent.Nodes.InsertRange(at, inlined);
    }

    /// <summary>
    /// Branch-local name -> its name in the parent. A value a branch node produces and the branch
    /// returns takes the If's output name directly; other locals keep their names unless they clash.
    /// </summary>
    private static Dictionary<string, string> LocalNameMap(ModelGraph branch, Node owner, HashSet<string> used)
    {
        var produced = new HashSet<string>(branch.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0));
        var map = new Dictionary<string, string>();
        for (int k = 0; k < owner.Outputs.Count && k < branch.Outputs.Count; k++)
        {
            var local = branch.Outputs[k].Name;
            if (owner.Outputs[k].Length > 0 && produced.Contains(local) && !map.ContainsKey(local))
                map[local] = owner.Outputs[k];
        }
        var locals = branch.Initializers.Keys.Concat(branch.Inputs.Select(i => i.Name)).Concat(produced);
        foreach (var local in locals)
            if (!map.ContainsKey(local)) map[local] = GraphQueries.Fresh(used, local);
        return map;
    }
}
