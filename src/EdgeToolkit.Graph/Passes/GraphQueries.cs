namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Who reads which value. Unlike ModelGraph.Consumers this also counts the extra inputs of fused
/// post-ops (a fused Clip's min/max), which must stay alive after fusion.
/// </summary>
internal static class GraphQueries
{
    /// <summary>Every outer value a node reads: its inputs, its subgraphs' captures, its fused post-ops' extra inputs.</summary>
    public static IEnumerable<string> Reads(Node n)
    {
        foreach (var i in n.Inputs) if (i.Length > 0) yield return i;
        foreach (var c in ModelGraph.SubgraphCaptures(n)) if (c.Length > 0) yield return c;
        foreach (var f in n.Fused)
            for (int k = 1; k < f.Inputs.Count; k++)
                if (f.Inputs[k].Length > 0) yield return f.Inputs[k];
    }

    /// <summary>Value name -> the distinct nodes reading it.</summary>
    public static Dictionary<string, List<Node>> Readers(ModelGraph g)
    {
        var d = new Dictionary<string, List<Node>>();
        foreach (var n in g.Nodes)
            foreach (var v in Reads(n).Distinct())
            {
                if (!d.TryGetValue(v, out var l)) d[v] = l = new List<Node>();
                l.Add(n);
            }
        return d;
    }

    public static bool IsGraphOutput(ModelGraph g, string name) => g.Outputs.Any(o => o.Name == name);

    /// <summary>
    /// True when the value is read by exactly one node (counting each node once) and is not a graph
    /// output: the condition under which a producer may absorb its consumer.
    /// </summary>
    public static bool HasSingleReader(ModelGraph g, Dictionary<string, List<Node>> readers, string value) =>
        !IsGraphOutput(g, value) && readers.TryGetValue(value, out var l) && l.Count == 1;

    /// <summary>All names a new value or node must not take: values, node names, infos, at this graph's level.</summary>
    public static HashSet<string> UsedNames(ModelGraph g)
    {
        var used = new HashSet<string>(g.Initializers.Keys);
        foreach (var i in g.Inputs) used.Add(i.Name);
        foreach (var o in g.Outputs) used.Add(o.Name);
        foreach (var k in g.ValueInfos.Keys) used.Add(k);
        foreach (var s in g.OuterScope) used.Add(s);
        foreach (var n in g.Nodes)
        {
            used.Add(n.Name);
            foreach (var v in n.Inputs.Concat(n.Outputs).Concat(ModelGraph.SubgraphCaptures(n))) used.Add(v);
        }
        return used;
    }

    /// <summary>A name not in used (then reserved), starting from a base.</summary>
    public static string Fresh(HashSet<string> used, string baseName)
    {
        var name = baseName;
        for (int k = 1; used.Contains(name); k++) name = $"{baseName}_{k}";
        used.Add(name);
        return name;
    }

    /// <summary>The constant value of an input when it is an initializer.</summary>
    public static Tensor? ConstantOf(ModelGraph g, string name) =>
        name.Length > 0 && g.Initializers.TryGetValue(name, out var t) ? t : null;
}
