using EdgeToolkit.Graph;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// GraphProto -> ModelGraph, recursively for If/Loop/Scan bodies. Constant nodes and inputs that
/// are initializers become constants; nodes get unique names; the result is topologically sorted.
/// </summary>
internal sealed class GraphReader
{
    private readonly string _source;
    private readonly int _opset;
    private readonly IReadOnlyDictionary<string, int> _extraOpsets;

    public GraphReader(string source, int opset, IReadOnlyDictionary<string, int> extraOpsets)
    {
        _source = source; _opset = opset; _extraOpsets = extraOpsets;
    }

    /// <param name="outerScope">Names an enclosing graph makes visible (empty for the main graph).</param>
    public ModelGraph Read(GraphProto gp, IReadOnlySet<string> outerScope)
    {
        var g = new ModelGraph { Name = gp.Name.Length > 0 ? gp.Name : "model", SourcePath = _source, Opset = _opset };
        foreach (var kv in _extraOpsets) g.ExtraOpsets[kv.Key] = kv.Value;
        foreach (var s in outerScope) g.OuterScope.Add(s);
        if (gp.SparseInitializer.Count > 0)
            throw OnnxErrors.Unsupported($"graph '{g.Name}' has sparse initializers, which EdgeToolkit does not support", "store the weights as dense tensors");

        var producers = new ProducedNames(g.Name);
        foreach (var t in gp.Initializer) AddConstant(g, producers, t.Name, TensorProtoFile.FromProto(t));
        foreach (var vi in gp.Input)
        {
            // Older exporters list initializers as inputs too; they are constants, not runtime inputs.
            if (g.IsInitializer(vi.Name)) continue;
            if (vi.Name.Length == 0) throw OnnxErrors.Malformed($"graph '{g.Name}' has an input without a name");
            producers.Add(vi.Name);
            g.Inputs.Add(ValueInfoConverter.FromProto(vi));
        }
        foreach (var vi in gp.Output) g.Outputs.Add(ValueInfoConverter.FromProto(vi));
        foreach (var vi in gp.ValueInfo) if (vi.Name.Length > 0) g.ValueInfos[vi.Name] = ValueInfoConverter.FromProto(vi);

        var innerScope = new HashSet<string>(outerScope);
        innerScope.UnionWith(g.Initializers.Keys);
        innerScope.UnionWith(g.Inputs.Select(i => i.Name));
        foreach (var n in gp.Node) innerScope.UnionWith(n.Output.Where(o => o.Length > 0));

        var names = new NodeNames(gp.Node);
        for (int k = 0; k < gp.Node.Count; k++)
        {
            var np = gp.Node[k];
            var name = names.NameOf(k);
            try
            {
                if (ConstantNodeReader.IsConstant(np))
                {
                    if (np.Output.Count != 1) throw OnnxErrors.Malformed("a Constant node must have exactly one output");
                    AddConstant(g, producers, np.Output[0], ConstantNodeReader.Value(np));
                    continue;
                }
                g.Nodes.Add(ReadNode(np, name, producers, innerScope));
            }
            catch (EdgeToolkitException e) when (e.NodeName == null)
            {
                throw OnnxErrors.Locate(e, _source, name, np.OpType);
            }
        }
        foreach (var o in g.Outputs) CheckComputed(o.Name, g.Name, producers, outerScope);
        g.SortTopologically();
        return g;
    }

    /// <summary>A graph output must be some value of this graph or, in a subgraph, of an enclosing one.</summary>
    private static void CheckComputed(string output, string graphName, ProducedNames producers, IReadOnlySet<string> outerScope)
    {
        if (output.Length == 0) throw OnnxErrors.Malformed($"graph '{graphName}' has an output without a name");
        if (!producers.Contains(output) && !outerScope.Contains(output))
            throw OnnxErrors.Malformed($"graph output '{output}' of graph '{graphName}' is computed by no node, initializer or input");
    }

    private Node ReadNode(NodeProto np, string name, ProducedNames producers, IReadOnlySet<string> innerScope)
    {
        var domain = OnnxVersions.IsDefaultDomain(np.Domain) ? "" : np.Domain;
        var node = new Node(name, np.OpType, np.Input, np.Output, domain);
        foreach (var o in np.Output) producers.Add(o);
        if (np.Attribute.Count > ReaderLimits.MaxAttributesPerNode)
            throw OnnxErrors.Malformed($"the node has {np.Attribute.Count} attributes; ONNX operators take at most a few dozen (limit {ReaderLimits.MaxAttributesPerNode})");
        foreach (var a in np.Attribute)
        {
            if (a.RefAttrName.Length > 0)
                throw OnnxErrors.Unsupported($"attribute '{a.Name}' refers to a function attribute", "inline model-local functions before importing");
            // Checked before reading: a repeated subgraph attribute would otherwise be read as often as it repeats.
            if (node.Attributes.ContainsKey(a.Name)) throw OnnxErrors.Malformed($"attribute '{a.Name}' is given more than once");
            node.Attributes[a.Name] = AttributeReader.Read(a, sub => Read(sub, innerScope));
        }
        return node;
    }

    private static void AddConstant(ModelGraph g, ProducedNames producers, string name, Tensor value)
    {
        if (name.Length == 0) throw OnnxErrors.Malformed($"graph '{g.Name}' has a constant without a name");
        producers.Add(name);
        g.Initializers[name] = value;
    }

    /// <summary>ONNX values are assigned once; a second producer means a malformed file.</summary>
    private sealed class ProducedNames(string graphName)
    {
        private readonly HashSet<string> _seen = new();
        public bool Contains(string name) => _seen.Contains(name);
        public void Add(string name)
        {
            if (name.Length > 0 && !_seen.Add(name))
                throw OnnxErrors.Malformed($"value '{name}' is produced more than once in graph '{graphName}'");
        }
    }
}
