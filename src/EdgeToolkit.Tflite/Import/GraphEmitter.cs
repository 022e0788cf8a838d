using EdgeToolkit.Graph;

namespace EdgeToolkit.Tflite.Import;

/// <summary>
/// Adds nodes and constants to the graph under unique, readable names: the nodes an operator
/// adds are named "{its first output tensor}/{op type}", so that reports and errors point back
/// to the TFLite model.
/// </summary>
internal sealed class GraphEmitter
{
    public ModelGraph Graph { get; }

    private readonly HashSet<string> _used = new();
    private readonly HashSet<string> _read = new();
    private readonly HashSet<string> _currentResults = new();
    private string _prefix = "";

    public GraphEmitter(ModelGraph graph) { Graph = graph; }

    /// <summary>Takes `name` if no one has it yet.</summary>
    public bool Claim(string name) => _used.Add(name);

    /// <summary>A name not used yet: `baseName` itself, else with _1, _2 ...</summary>
    public string Fresh(string baseName)
    {
        if (_used.Add(baseName)) return baseName;
        for (int k = 1; ; k++) if (_used.Add($"{baseName}_{k}")) return $"{baseName}_{k}";
    }

    /// <summary>Starts an operator: the nodes and constants it adds are named after `prefix`.</summary>
    public void BeginOperator(string prefix)
    {
        _prefix = prefix;
        _currentResults.Clear();
    }

    /// <summary>Adds a one-output node named "{prefix}/{op type}" and returns its output.</summary>
    public string Node(string opType, IEnumerable<string> inputs, params NodeAttribute[] attributes)
    {
        var output = Fresh($"{_prefix}/{opType}");
        var node = new Node(output, opType, inputs, new[] { output });
        foreach (var a in attributes) node.With(a);
        Add(node);
        _currentResults.Add(output);
        return output;
    }

    /// <summary>Adds a node whose names the caller chose (the shared Transposes and DequantizeLinears of a tensor).</summary>
    public void Add(Node node)
    {
        Graph.Nodes.Add(node);
        foreach (var i in node.Inputs) _read.Add(i);
    }

    public string Initializer(string baseName, Tensor value)
    {
        var name = Fresh(baseName);
        Graph.Initializers[name] = value;
        return name;
    }

    public string OperatorInitializer(string suffix, Tensor value) => Initializer($"{_prefix}/{suffix}", value);

    /// <summary>Makes `target` hold `value`: by renaming the output of a node this operator made and nothing reads yet, else with an Identity.</summary>
    public void Alias(string value, string target)
    {
        if (_currentResults.Contains(value) && !_read.Contains(value))
        {
            var producer = Graph.Nodes.Last(n => n.Outputs.Contains(value));
            producer.Outputs[producer.Outputs.IndexOf(value)] = target;
            if (producer.Name == value) producer.Name = target;
        }
        else Add(new Node(target, "Identity", new[] { value }, new[] { target }));
    }
}
