using EdgeToolkit.Graph;
using TorchSharp;

namespace EdgeToolkit.Training.Import;

/// <summary>
/// Turns one graph node (or a short run of nodes, like MatMul + Add) into a TorchSharp layer with
/// the graph's weights copied in. One file per layer family, found by reflection, as the
/// exporters are.
/// </summary>
public interface ILayerImporter
{
    bool Handles(string opType);
    /// <summary>Builds the layer for cursor.Current; may consume following nodes with cursor.TakeNext.</summary>
    torch.nn.Module<torch.Tensor, torch.Tensor> Import(ImportCursor cursor);
}

/// <summary>The node being imported, its neighbours in the chain, and the graph's weights and shapes.</summary>
public sealed class ImportCursor
{
    private readonly ModelGraph _graph;
    private readonly IReadOnlyList<Node> _chain;
    private int _index;

    internal ImportCursor(ModelGraph graph, IReadOnlyList<Node> chain) { _graph = graph; _chain = chain; }

    public Node Current => _chain[_index];
    internal bool Done => _index >= _chain.Count;
    internal void Advance() => _index++;

    /// <summary>The next node when it has the given op and consumes Current's output; it is then consumed.</summary>
    public Node? TakeNext(string opType)
    {
        if (_index + 1 >= _chain.Count) return null;
        var next = _chain[_index + 1];
        if (next.OpType != opType || !next.Inputs.Contains(Current.Outputs[0])) return null;
        _index++;
        return next;
    }

    /// <summary>A constant input (initializer) of a node, or an error naming the node.</summary>
    public Tensor Weight(Node node, int input)
    {
        if (!node.HasInput(input) || !_graph.Initializers.TryGetValue(node.Inputs[input], out var t))
            throw Unsupported(node, $"input {input} is not a constant (only weights stored as initializers import)");
        return t;
    }

    public Tensor? OptionalWeight(Node node, int input) => node.HasInput(input) ? Weight(node, input) : null;

    public long[] Shape(string value)
    {
        var shape = _graph.GetInfo(value).Shape;
        if (!shape.IsConcrete) throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{value}' has no concrete shape [{shape}]",
            hint: "pin the input shape (the importer needs every layer's sizes)");
        return shape.ToConcrete().Select(d => (long)d).ToArray();
    }

    public static EdgeToolkitException Unsupported(Node node, string problem) =>
        new(ErrorKind.BadInput, $"cannot import into TorchSharp: {problem}", node: node.Name, op: node.OpType,
            hint: "the importer takes chains of Gemm/MatMul+Add, Conv, BatchNormalization, pooling, Relu/Tanh/Sigmoid and Flatten/Reshape to 2-D")
        { Unsupported = true };
}
