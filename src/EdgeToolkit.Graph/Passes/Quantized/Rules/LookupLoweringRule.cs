namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int8) -> one elementwise float op -> Q(int8) becomes a QLookup: the op sees one of 256
/// inputs, so it is evaluated here (ElementwiseTable: the reference operator, with the node's
/// attributes) on the 256 dequantized values and its results quantized with the Q's parameters.
/// Any scalar operand besides the data (Clip's bounds) must be a constant. uint8 on either side
/// stays float; int16 on both sides is Lookup16LoweringRule's.
/// </summary>
public sealed class LookupLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps => ElementwiseTable.Ops;

    public string? TryLower(QdqGraph graph, Node node)
    {
        if (ElementwiseTable.Operator(graph, node) is not { } op) return null;
        if (QGemmLowering.Int8Input(graph, node.Inputs[0]) is not { } x) return null;
        if (graph.QuantizedBy(node.Outputs[0]) is not { } q || !QGemmLowering.IsInt8PerTensor(q.Params)) return null;
        if (ElementwiseTable.Evaluate(graph, node, op, Enumerable.Range(-128, 256).Select(v => x.Params.Dequantize(v)).ToArray()) is not { } y) return null;
        var table = y.Select(v => (sbyte)q.Params.Quantize(v)).ToArray();
        var t = graph.AddInitializer($"{node.Name}_table", new Tensor(DataType.Int8, new[] { 256 }, table));
        graph.Replace(node, new Node(node.Name, "QLookup", new[] { x.Value, t }, new[] { q.Q.Outputs[0] }, "edgetk"), q.Q);
        return $"{node.OpType} '{node.Name}' -> QLookup";
    }
}
