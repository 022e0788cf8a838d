using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int8) -> one elementwise float op -> Q(int8) becomes a QLookup: the op sees one of 256
/// inputs, so it is evaluated here (through the reference operator, with the node's attributes)
/// on the 256 dequantized values and its results quantized with the Q's parameters. Any scalar
/// operand besides the data (Clip's bounds) must be a constant. uint8 on either side stays float.
/// </summary>
public sealed class LookupLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[]
    {
        "Relu", "LeakyRelu", "Elu", "Celu", "Selu", "ThresholdedRelu", "Shrink", "Tanh", "Sigmoid", "HardSigmoid", "HardSwish",
        "Softplus", "Softsign", "Mish", "Gelu", "Clip", "Exp", "Log", "Sqrt", "Erf", "Reciprocal", "Floor", "Ceil", "Round",
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Neg", "Abs", "Sign",
    };

    public string? TryLower(QdqGraph graph, Node node)
    {
        if (node.Outputs.Count != 1 || node.Fused.Count > 0 || OperatorRegistry.Find(node.OpType) is not { } op) return null;
        for (int i = 1; i < node.Inputs.Count; i++)
            if (node.HasInput(i) && graph.Constant(node.Inputs[i]) is not { Length: 1 }) return null;
        if (QGemmLowering.Int8Input(graph, node.Inputs[0]) is not { } x) return null;
        if (graph.QuantizedBy(node.Outputs[0]) is not { } q || !QGemmLowering.IsInt8PerTensor(q.Params)) return null;
        if (Evaluate(graph, node, op, Enumerable.Range(-128, 256).Select(v => x.Params.Dequantize(v)).ToArray()) is not { } y) return null;
        var table = y.Select(v => (sbyte)q.Params.Quantize(v)).ToArray();
        var t = graph.AddInitializer($"{node.Name}_table", new Tensor(DataType.Int8, new[] { 256 }, table));
        graph.Replace(node, new Node(node.Name, "QLookup", new[] { x.Value, t }, new[] { q.Q.Outputs[0] }, "edgetk"), q.Q);
        return $"{node.OpType} '{node.Name}' -> QLookup";
    }

    /// <summary>The op on the 256 values, or null when the reference operator refuses this node (attributes, operand types).</summary>
    private static float[]? Evaluate(QdqGraph graph, Node node, IOperator op, float[] inputs)
    {
        var x = Tensor.FromFloats(new[] { inputs.Length }, inputs);
        var shapes = new ShapeContext(node, graph.Graph.Opset,
            name => name == node.Inputs[0] ? x.Info(name) : graph.Constant(name)?.Info(name), graph.Constant);
        try
        {
            if (op.CheckSupported(shapes) != null) return null;
            op.InferShapes(shapes);
            if (shapes.Outputs[0] is not { Type: DataType.Float32 } info || !info.Shape.Equals(x.SymShape)) return null;
            var ctx = new EvalContext(node, graph.Graph.Opset, node.Inputs.Select((name, i) => i == 0 ? x : graph.Constant(name)).ToArray());
            op.Evaluate(ctx);
            return ctx.Outputs[0]?.Floats;
        }
        catch (EdgeToolkitException) { return null; }
    }
}
