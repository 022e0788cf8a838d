using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>Fresh value and node names for a rewrite that adds many of them (one scan of the graph, not one per name).</summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _used;

    public NameAllocator(ModelGraph g)
    {
        _used = new HashSet<string>(g.Nodes.SelectMany(n => n.Outputs.Append(n.Name).Concat(n.Inputs))
            .Concat(g.Initializers.Keys).Concat(g.Inputs.Select(i => i.Name)).Concat(g.Outputs.Select(o => o.Name)));
    }

    public string Fresh(string baseName)
    {
        var name = baseName;
        for (int k = 1; !_used.Add(name); k++) name = $"{baseName}_{k}";
        return name;
    }
}
