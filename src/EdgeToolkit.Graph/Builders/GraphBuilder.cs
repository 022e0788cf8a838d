namespace EdgeToolkit.Graph.Builders;

/// <summary>
/// Builds graphs in code (built-in example models, tests). Each call adds one node and returns the
/// name of its output value, so a model reads top to bottom like the computation it describes.
/// </summary>
public sealed class GraphBuilder
{
    private readonly ModelGraph _g;
    private int _counter;

    public GraphBuilder(string name, int opset = 17) { _g = new ModelGraph { Name = name, Opset = opset }; }

    public ModelGraph Graph => _g;

    public string Input(string name, DataType type, params long[] shape)
    {
        _g.Inputs.Add(new ValueInfo(name, type, SymShape.Of(shape)));
        return name;
    }

    public string Input(string name, DataType type, SymShape shape)
    {
        _g.Inputs.Add(new ValueInfo(name, type, shape));
        return name;
    }

    public string Constant(string name, Tensor value) { _g.Initializers[name] = value; return name; }

    /// <summary>Adds a node with one output (named after the node) and returns that output's name.</summary>
    public string Op(string opType, string[] inputs, params NodeAttribute[] attributes) =>
        OpNamed($"{opType.ToLowerInvariant()}{++_counter}", opType, inputs, attributes);

    public string OpNamed(string nodeName, string opType, string[] inputs, params NodeAttribute[] attributes)
    {
        var output = nodeName + "_out";
        var node = new Node(nodeName, opType, inputs, new[] { output });
        foreach (var a in attributes) node.Attributes[a.Name] = a;
        _g.Nodes.Add(node);
        return output;
    }

    /// <summary>Adds a node with several outputs; returns their names.</summary>
    public string[] OpMulti(string nodeName, string opType, string[] inputs, int outputs, params NodeAttribute[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(i => $"{nodeName}_out{i}").ToArray();
        var node = new Node(nodeName, opType, inputs, names);
        foreach (var a in attributes) node.Attributes[a.Name] = a;
        _g.Nodes.Add(node);
        return names;
    }

    /// <summary>Marks a value as a graph output (its type and shape are filled in by shape inference).</summary>
    public GraphBuilder Output(string value, DataType type = DataType.Float32)
    {
        _g.Outputs.Add(new ValueInfo(value, type, SymShape.UnknownRank));
        return this;
    }

    /// <summary>Renames a node's output value (e.g. to give a graph output a friendly name).</summary>
    public string Rename(string value, string newName)
    {
        foreach (var n in _g.Nodes)
        {
            for (int i = 0; i < n.Inputs.Count; i++) if (n.Inputs[i] == value) n.Inputs[i] = newName;
            for (int i = 0; i < n.Outputs.Count; i++) if (n.Outputs[i] == value) n.Outputs[i] = newName;
        }
        return newName;
    }
}
