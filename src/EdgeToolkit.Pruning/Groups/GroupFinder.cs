using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Pruning.Groups;

/// <summary>
/// Finds the coupled channel groups of a graph, in the manner of Torch-Pruning's DepGraph: every
/// node says which axes it ties together (ICouplingRule); starting from each layer's produced
/// channels, coupling is followed through the whole graph, index by index, so that a channel's
/// every appearance (its filter, its bias, the next layer's inputs, a residual partner, a cache
/// column) is found. Channels that land on a shared index (a head after a split) merge into one unit.
/// </summary>
public static class GroupFinder
{
    private static readonly Lazy<IReadOnlyDictionary<string, ICouplingRule>> Rules = new(() =>
        typeof(GroupFinder).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ICouplingRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => (ICouplingRule)Activator.CreateInstance(t)!)
            .SelectMany(r => r.OpTypes.Select(op => (op, r)))
            .ToDictionary(p => p.op, p => p.r));

    public static IReadOnlyCollection<string> SupportedOps => Rules.Value.Keys.ToList();

    /// <param name="statePairs">Recurrent state inputs and the outputs that carry them to the next call: their axes may shrink together.</param>
    public static IReadOnlyList<ChannelGroup> Find(ModelGraph graph, IReadOnlyList<(string Input, string Output)>? statePairs = null)
    {
        ShapeInference.Run(graph);
        var adjacency = new Dictionary<DimRef, List<(DimRef Other, IndexTransform Map)>>();
        var blocked = new Dictionary<DimRef, string>();
        var roles = new Dictionary<DimRef, MemberRole>();
        var seeds = new List<(DimRef Dim, Node Node)>();
        foreach (var node in graph.Nodes)
        {
            var c = new NodeCouplings(graph, node);
            if (node.Fused.Count > 0) c.BlockAll($"'{node.Name}' has fused post-ops (prune before optimising)");
            else if (Rules.Value.TryGetValue(node.OpType, out var rule) && node.Domain.Length == 0) rule.Describe(c);
            else c.BlockAll($"no pruning rule for op {node.OpType} ('{node.Name}')");
            foreach (var l in c.Links)
            {
                Add(adjacency, l.A, l.B, l.Transform);
                Add(adjacency, l.B, l.A, l.Transform.Inverse);
            }
            foreach (var (dim, why) in c.Blocked) blocked.TryAdd(dim, why);
            foreach (var (dim, role) in c.Roles)
            {
                roles[dim] = role;
                if (role == MemberRole.Producer && graph.Initializers[dim.Value].Rank >= 2) seeds.Add((dim, node));
            }
        }
        var states = statePairs ?? Array.Empty<(string, string)>();
        var interfaceNames = new HashSet<string>(graph.Inputs.Select(i => i.Name).Concat(graph.Outputs.Select(o => o.Name)));

        var taken = new HashSet<DimRef>();
        var groups = new List<ChannelGroup>();
        var nodeOrder = graph.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var (seed, node) in seeds)
        {
            if (taken.Contains(seed)) continue;
            var relation = Explore(graph, seed, adjacency);
            foreach (var d in relation.Keys) taken.Add(d);
            groups.Add(Build(graph, groups.Count, seed, relation, blocked, roles, interfaceNames, states, nodeOrder));
        }
        return groups;
    }

    private static void Add(Dictionary<DimRef, List<(DimRef, IndexTransform)>> adjacency, DimRef from, DimRef to, IndexTransform map)
    {
        if (!adjacency.TryGetValue(from, out var list)) adjacency[from] = list = new();
        list.Add((to, map));
    }

    /// <summary>Every (seed channel, index) pair reachable from the seed axis, per axis.</summary>
    private static Dictionary<DimRef, HashSet<(int Channel, int Index)>> Explore(ModelGraph graph, DimRef seed,
        Dictionary<DimRef, List<(DimRef Other, IndexTransform Map)>> adjacency)
    {
        var relation = new Dictionary<DimRef, HashSet<(int, int)>>();
        var work = new Queue<(DimRef Dim, int Channel, int Index)>();
        int width = graph.Initializers[seed.Value].Shape[seed.Axis];
        for (int ch = 0; ch < width; ch++) Visit(relation, work, seed, ch, ch);
        while (work.Count > 0)
        {
            var (dim, ch, index) = work.Dequeue();
            if (!adjacency.TryGetValue(dim, out var next)) continue;
            foreach (var (other, map) in next)
                foreach (var j in map.Map(index)) Visit(relation, work, other, ch, j);
        }
        return relation;
    }

    private static void Visit(Dictionary<DimRef, HashSet<(int, int)>> relation, Queue<(DimRef, int, int)> work, DimRef dim, int channel, int index)
    {
        if (!relation.TryGetValue(dim, out var set)) relation[dim] = set = new();
        if (set.Add((channel, index))) work.Enqueue((dim, channel, index));
    }

    private static ChannelGroup Build(ModelGraph graph, int id, DimRef seed, Dictionary<DimRef, HashSet<(int Channel, int Index)>> relation,
        Dictionary<DimRef, string> blocked, Dictionary<DimRef, MemberRole> roles, HashSet<string> interfaceNames,
        IReadOnlyList<(string Input, string Output)> states, Dictionary<string, int> nodeOrder)
    {
        // Channels sharing an index on any axis are one unit (a head is its channels' shared index after the split).
        int width = graph.Initializers[seed.Value].Shape[seed.Axis];
        var parent = Enumerable.Range(0, width).ToArray();
        int Root(int a) { while (parent[a] != a) a = parent[a] = parent[parent[a]]; return a; }
        foreach (var pairs in relation.Values)
            foreach (var byIndex in pairs.GroupBy(p => p.Index))
            {
                int first = Root(byIndex.First().Channel);
                foreach (var p in byIndex.Skip(1)) parent[Root(p.Channel)] = first;
            }
        var unitOf = new int[width];
        var roots = new Dictionary<int, int>();
        for (int ch = 0; ch < width; ch++)
        {
            int r = Root(ch);
            if (!roots.TryGetValue(r, out var u)) roots[r] = u = roots.Count;
            unitOf[ch] = u;
        }
        int units = roots.Count;

        var members = new List<GroupMember>();
        foreach (var (dim, pairs) in relation.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal).ThenBy(kv => kv.Key.Axis))
        {
            var perUnit = new SortedSet<int>[units];
            for (int u = 0; u < units; u++) perUnit[u] = new SortedSet<int>();
            foreach (var (ch, index) in pairs) perUnit[unitOf[ch]].Add(index);
            bool isWeight = graph.Initializers.ContainsKey(dim.Value);
            members.Add(new GroupMember(dim, isWeight, roles.GetValueOrDefault(dim, MemberRole.Passive),
                perUnit.Select(s => s.ToArray()).ToArray()));
        }

        var producers = graph.Nodes.Where(n => n.Inputs.Any(i => members.Any(m => m.IsWeight && m.Role == MemberRole.Producer && m.Dim.Value == i))).ToList();
        var probes = members.Where(m => !m.IsWeight && producers.Any(p => p.Outputs[0] == m.Dim.Value)).ToList();
        var layers = graph.Nodes.Where(n => n.Inputs.Any(i => members.Any(m => m.IsWeight && m.Dim.Value == i)))
            .Select(n => n.Name).OrderBy(n => nodeOrder[n]).ToList();
        int unitSize = members.First(m => m.Dim == seed).UnitIndices[0].Length;
        var names = producers.Select(p => p.Name).ToList();
        string name = names.Count <= 2 ? string.Join(" + ", names) : $"{names[0]} + {names.Count - 1} more";
        return new ChannelGroup
        {
            Id = id, Name = name, Kind = unitSize > 1 ? $"heads of {unitSize}" : "channels", Units = units, UnitSize = unitSize,
            Members = members, Probes = probes, Layers = layers,
            BlockedReason = WhyBlocked(relation, blocked, interfaceNames, states, members),
        };
    }

    private static string? WhyBlocked(Dictionary<DimRef, HashSet<(int Channel, int Index)>> relation, Dictionary<DimRef, string> blocked,
        HashSet<string> interfaceNames, IReadOnlyList<(string Input, string Output)> states, List<GroupMember> members)
    {
        foreach (var dim in relation.Keys)
            if (blocked.TryGetValue(dim, out var why)) return why;
        foreach (var dim in relation.Keys.Where(d => interfaceNames.Contains(d.Value)))
        {
            var pair = states.FirstOrDefault(s => s.Input == dim.Value || s.Output == dim.Value);
            if (pair == default) return $"it reaches the graph's input or output '{dim.Value}' (the model's interface keeps its shape)";
            var partner = new DimRef(pair.Input == dim.Value ? pair.Output : pair.Input, dim.Axis);
            var mine = members.First(m => m.Dim == dim);
            var theirs = members.FirstOrDefault(m => m.Dim == partner);
            if (theirs == null || !mine.UnitIndices.Zip(theirs.UnitIndices).All(p => p.First.SequenceEqual(p.Second)))
                return $"state '{pair.Input}' and '{pair.Output}' would not shrink alike";
        }
        return null;
    }
}
