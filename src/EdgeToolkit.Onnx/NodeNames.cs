using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Unique node names for one graph: a file's own names are kept verbatim where unique, unnamed
/// nodes become "OpType_index", and repeats get a "_k" suffix. Reports and C identifiers need them.
/// </summary>
internal sealed class NodeNames
{
    private readonly string[] _names;

    public NodeNames(IReadOnlyList<NodeProto> nodes)
    {
        _names = new string[nodes.Count];
        var taken = new HashSet<string>(nodes.Select(n => n.Name).Where(n => n.Length > 0));
        var assigned = new HashSet<string>();
        // Where the search for a free suffix resumes: thousands of nodes sharing one name would
        // otherwise make this quadratic.
        var nextSuffix = new Dictionary<string, int>();
        for (int k = 0; k < nodes.Count; k++)
        {
            var own = nodes[k].Name;
            if (own.Length > 0 && assigned.Add(own)) { _names[k] = own; continue; }
            var baseName = own.Length > 0 ? own : $"{nodes[k].OpType}_{k}";
            var name = baseName;
            int i = nextSuffix.GetValueOrDefault(baseName, 1);
            for (; taken.Contains(name) || assigned.Contains(name); i++) name = $"{baseName}_{i}";
            nextSuffix[baseName] = i;
            assigned.Add(name); taken.Add(name);
            _names[k] = name;
        }
    }

    public string NameOf(int index) => _names[index];
}
