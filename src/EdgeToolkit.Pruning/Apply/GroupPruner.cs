using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Apply;

/// <summary>
/// Physically removes the selected units: slices every weight axis of their groups, rewrites
/// Reshape targets whose axes shrink (heads, flattened channels), resizes recurrent state inputs
/// and outputs, and re-infers shapes, so the result is an ordinary, smaller graph.
/// </summary>
public static class GroupPruner
{
    public static ModelGraph Apply(ModelGraph graph, IReadOnlyList<ChannelGroup> groups, PruneSelection selection)
    {
        var removed = selection.RemovedIndices(groups);
        var g = graph.Clone();
        foreach (var name in g.Initializers.Keys.ToList())
        {
            var t = g.Initializers[name];
            for (int axis = 0; axis < t.Rank; axis++)
                if (removed.TryGetValue(new DimRef(name, axis), out var gone) && gone.Count > 0)
                    t = TensorSlicing.Keep(t, axis, Enumerable.Range(0, t.Shape[axis]).Where(i => !gone.Contains(i)).ToList());
            g.Initializers[name] = t;
        }
        RewriteReshapes(g, removed);
        ShrinkDepthwiseGroups(g, removed);
        ResizeInterface(g.Inputs, removed);
        ResizeInterface(g.Outputs, removed);
        g.ValueInfos.Clear();
        ShapeInference.Run(g);
        return g;
    }

    private static void RewriteReshapes(ModelGraph g, Dictionary<DimRef, HashSet<int>> removed)
    {
        var rewritten = new Dictionary<string, string>();
        foreach (var node in g.Nodes.Where(n => n.OpType == "Reshape" && n.HasInput(1) && g.IsInitializer(n.Inputs[1])))
        {
            var target = g.Initializers[node.Inputs[1]].ToInt64Array();
            bool changed = false;
            for (int axis = 0; axis < target.Length; axis++)
                if (removed.TryGetValue(new DimRef(node.Outputs[0], axis), out var gone) && gone.Count > 0 && target[axis] > 0)
                {
                    target[axis] -= gone.Count;
                    changed = true;
                }
            if (!changed) continue;
            // A shape constant may be shared by several Reshapes (every layer's head split): one new constant per distinct result.
            var key = node.Inputs[1] + ":" + string.Join(",", target);
            if (!rewritten.TryGetValue(key, out var name))
            {
                name = g.FreshName(node.Inputs[1] + "_pruned");
                g.Initializers[name] = Tensor.Vector(target);
                rewritten[key] = name;
            }
            var old = node.Inputs[1];
            node.Inputs[1] = name;
            if (!g.Nodes.Any(n => n.Inputs.Contains(old))) g.Initializers.Remove(old);
        }
    }

    /// <summary>A depthwise conv has one group per channel: its group count follows the channels.</summary>
    private static void ShrinkDepthwiseGroups(ModelGraph g, Dictionary<DimRef, HashSet<int>> removed)
    {
        foreach (var node in g.Nodes.Where(n => n.OpType == "Conv" && n.GetInt("group", 1) > 1))
            if (removed.TryGetValue(new DimRef(node.Outputs[0], 1), out var gone) && gone.Count > 0)
                node.Attributes["group"] = NodeAttribute.Of("group", node.GetInt("group", 1) - gone.Count);
    }

    private static void ResizeInterface(List<ValueInfo> values, Dictionary<DimRef, HashSet<int>> removed)
    {
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (!v.Shape.HasRank) continue;
            var dims = v.Shape.Dims!.Select((d, axis) =>
                removed.TryGetValue(new DimRef(v.Name, axis), out var gone) && gone.Count > 0 && d.IsKnown ? Dim.Of(d.Value - gone.Count) : d).ToList();
            values[i] = v with { Shape = new SymShape(dims) };
        }
    }
}
