using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Apply;

/// <summary>Which units of which groups go: group id -> unit indices (of that group's Units).</summary>
public sealed class PruneSelection
{
    private readonly Dictionary<int, SortedSet<int>> _removed = new();

    public void Remove(ChannelGroup group, IEnumerable<int> units)
    {
        if (!group.Prunable) throw new InvalidOperationException($"{group} cannot be pruned");
        if (!_removed.TryGetValue(group.Id, out var set)) _removed[group.Id] = set = new SortedSet<int>();
        foreach (var u in units)
        {
            if (u < 0 || u >= group.Units) throw new ArgumentOutOfRangeException(nameof(units), $"unit {u} of {group}");
            set.Add(u);
        }
        if (set.Count >= group.Units) throw new InvalidOperationException($"removing every unit of {group} would cut the graph");
    }

    public IReadOnlyCollection<int> RemovedUnits(int groupId) => _removed.TryGetValue(groupId, out var s) ? s : Array.Empty<int>();
    public bool IsEmpty => _removed.Values.All(s => s.Count == 0);

    /// <summary>Indices removed along each axis, over every group (Concat consumers collect several groups' indices).</summary>
    public Dictionary<DimRef, HashSet<int>> RemovedIndices(IReadOnlyList<ChannelGroup> groups)
    {
        var result = new Dictionary<DimRef, HashSet<int>>();
        foreach (var g in groups)
        {
            var units = RemovedUnits(g.Id);
            if (units.Count == 0) continue;
            foreach (var m in g.Members)
            {
                if (!result.TryGetValue(m.Dim, out var set)) result[m.Dim] = set = new HashSet<int>();
                foreach (var u in units) set.UnionWith(m.UnitIndices[u]);
            }
        }
        return result;
    }
}
