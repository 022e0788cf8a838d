using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized;

/// <summary>
/// What a lowering rule needs to see and change: which DequantizeLinear feeds a value, which
/// QuantizeLinear reads one, their parameters, and edits (new initializers, node replacement).
/// Readers are recomputed after each rewrite, so rules see the graph as it is.
/// </summary>
public sealed class QdqGraph
{
    private Dictionary<string, Node> _producers;
    private Dictionary<string, List<Node>> _readers;
    private readonly HashSet<string> _used;

    public ModelGraph Graph { get; }

    public QdqGraph(ModelGraph graph)
    {
        Graph = graph;
        _producers = graph.Producers();
        _readers = GraphQueries.Readers(graph);
        _used = GraphQueries.UsedNames(graph);
    }

    public Node? Producer(string value) => _producers.TryGetValue(value, out var n) ? n : null;
    public IReadOnlyList<Node> Readers(string value) => _readers.TryGetValue(value, out var l) ? l : Array.Empty<Node>();
    public bool IsGraphOutput(string value) => GraphQueries.IsGraphOutput(Graph, value);
    /// <summary>Read by this one node only and not a graph output.</summary>
    public bool OnlyReader(string value, Node reader) => !IsGraphOutput(value) && Readers(value) is { Count: 1 } l && l[0] == reader;
    public Tensor? Constant(string value) => GraphQueries.ConstantOf(Graph, value);

    /// <summary>
    /// When `value` is the output of a DequantizeLinear with constant scale and zero point: that node,
    /// its integer input's name and its parameters. Else null.
    /// </summary>
    public (Node Dq, string Quantized, QuantParams Params)? DequantizedFrom(string value)
    {
        var dq = Producer(value);
        if (dq == null || dq.OpType != "DequantizeLinear" || dq.Domain.Length > 0) return null;
        // A rewritten producer's output has lost its inferred info (Replace); the zero point has the same type.
        var type = Graph.TryGetInfo(dq.Inputs[0])?.Type ?? Constant(dq.Inputs[0])?.Type ?? (dq.HasInput(2) ? Constant(dq.Inputs[2])?.Type : null);
        var p = ParamsOf(dq, type);
        return p == null ? null : (dq, dq.Inputs[0], p);
    }

    /// <summary>When the only reader of `value` is a QuantizeLinear with constant parameters: it and its parameters. Else null.</summary>
    public (Node Q, QuantParams Params)? QuantizedBy(string value)
    {
        if (IsGraphOutput(value) || Readers(value) is not { Count: 1 } l) return null;
        var q = l[0];
        if (q.OpType != "QuantizeLinear" || q.Domain.Length > 0 || q.Inputs[0] != value) return null;
        var zpType = q.HasInput(2) ? Constant(q.Inputs[2])?.Type : null;
        var p = ParamsOf(q, Ops.Quantized.QuantizeLinearOperator.OutputType(q, zpType));
        return p == null ? null : (q, p);
    }

    /// <summary>Scale/zero point of a Q or DQ node when both are constants; null otherwise.</summary>
    public QuantParams? ParamsOf(Node qdq, DataType? type)
    {
        if (type is not DataType t) return null;
        var scale = Constant(qdq.Inputs[1]);
        if (scale == null || scale.Type != DataType.Float32) return null;
        var zp = qdq.HasInput(2) ? Constant(qdq.Inputs[2]) : null;
        if (qdq.HasInput(2) && zp == null) return null;
        var zeros = zp != null ? TensorValues.ToLongs(zp).Select(v => (int)v).ToArray() : new int[scale.Length];
        return new QuantParams(scale.Floats.ToArray(), zeros, t, (int)qdq.GetInt("axis", 1));
    }

    public string FreshName(string baseName) => GraphQueries.Fresh(_used, baseName);

    /// <summary>Adds a constant under a fresh name derived from baseName; returns the name.</summary>
    public string AddInitializer(string baseName, Tensor value)
    {
        var name = FreshName(baseName);
        Graph.Initializers[name] = value;
        return name;
    }

    /// <summary>
    /// Puts `replacement` where `first` was and removes the other nodes given (the float op, the Q
    /// it fed, ...). DequantizeLinear nodes left without readers are removed by dead-node elimination.
    /// </summary>
    public void Replace(Node first, Node replacement, params Node[] alsoRemove)
    {
        int at = Graph.Nodes.IndexOf(first);
        if (at < 0) throw new InvalidOperationException($"node '{first.Name}' is not in the graph");
        Graph.Nodes[at] = replacement;
        foreach (var n in alsoRemove) Graph.Nodes.Remove(n);
        // The replacement writes the Q's output, which sits later in the order; keep the order topological.
        Graph.SortTopologically();
        _producers = Graph.Producers();
        _readers = GraphQueries.Readers(Graph);
        foreach (var v in replacement.Outputs) Graph.ValueInfos.Remove(v);
    }
}
