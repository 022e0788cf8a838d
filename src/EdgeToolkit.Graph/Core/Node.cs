namespace EdgeToolkit.Graph;

/// <summary>
/// One operator application. Inputs and outputs are value names; an empty string marks an omitted
/// optional input or output (as in ONNX).
/// </summary>
public sealed class Node
{
    public string Name { get; set; }
    public string OpType { get; set; }
    /// <summary>"" for the default ONNX domain; "edgetk" for the toolkit's own internal ops.</summary>
    public string Domain { get; set; }
    public List<string> Inputs { get; }
    public List<string> Outputs { get; }
    public Dictionary<string, NodeAttribute> Attributes { get; } = new();

    /// <summary>
    /// Nodes fused into this one by a fusion pass, applied in order to this node's single output
    /// (e.g. Relu then MaxPool after a Conv). Each keeps its own attributes and name; its first
    /// input is the previous result. The evaluator and the C emitters apply them as post-ops.
    /// </summary>
    public List<Node> Fused { get; } = new();

    public Node(string name, string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "")
    {
        Name = name; OpType = opType; Domain = domain;
        Inputs = inputs.ToList(); Outputs = outputs.ToList();
    }

    public bool HasInput(int i) => i < Inputs.Count && Inputs[i].Length > 0;
    public bool HasAttribute(string name) => Attributes.ContainsKey(name);

    public Node With(NodeAttribute a) { Attributes[a.Name] = a; return this; }

    public long GetInt(string name, long dflt) => Attributes.TryGetValue(name, out var a) ? a.I : dflt;
    public float GetFloat(string name, float dflt) => Attributes.TryGetValue(name, out var a) ? a.F : dflt;
    public string GetString(string name, string dflt) => Attributes.TryGetValue(name, out var a) ? a.S ?? dflt : dflt;
    public long[]? GetInts(string name) => Attributes.TryGetValue(name, out var a) ? a.Ints : null;
    public float[]? GetFloats(string name) => Attributes.TryGetValue(name, out var a) ? a.Floats : null;
    public Tensor? GetTensor(string name) => Attributes.TryGetValue(name, out var a) ? a.T : null;
    public ModelGraph? GetGraph(string name) => Attributes.TryGetValue(name, out var a) ? a.G : null;

    /// <summary>Names of this node and every node fused into it, for reports.</summary>
    public IEnumerable<string> AllNames() => new[] { Name }.Concat(Fused.Select(f => f.Name));

    public override string ToString() => $"{OpType} '{Name}' ({string.Join(", ", Inputs)}) -> ({string.Join(", ", Outputs)})";
}
