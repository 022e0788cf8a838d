using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>Names no value, node or initializer of the graph uses yet; each one handed out is reserved.</summary>
public sealed class FreshNames
{
    private readonly HashSet<string> _used;

    public FreshNames(ModelGraph g)
    {
        _used = new HashSet<string>(g.Initializers.Keys.Concat(g.Inputs.Select(i => i.Name)).Concat(g.Outputs.Select(o => o.Name)).Concat(g.ValueInfos.Keys));
        foreach (var n in g.Nodes) { _used.Add(n.Name); foreach (var v in n.Inputs.Concat(n.Outputs)) _used.Add(v); }
    }

    public string Next(string baseName)
    {
        var name = baseName;
        for (int k = 1; !_used.Add(name); k++) name = $"{baseName}_{k}";
        return name;
    }
}
