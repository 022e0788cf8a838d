using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// What the lookup rules (int8 QLookup, int16 QLookup16) share: the elementwise float ops a table
/// can stand for, and evaluating one of them on a list of dequantized inputs through the
/// reference operator, with the node's attributes and constant scalar operands (Clip's bounds).
/// </summary>
internal static class ElementwiseTable
{
    public static readonly IReadOnlyList<string> Ops = new[]
    {
        "Relu", "LeakyRelu", "Elu", "Celu", "Selu", "ThresholdedRelu", "Shrink", "Tanh", "Sigmoid", "HardSigmoid", "HardSwish",
        "Softplus", "Softsign", "Mish", "Gelu", "Clip", "Exp", "Log", "Sqrt", "Erf", "Reciprocal", "Floor", "Ceil", "Round",
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Neg", "Abs", "Sign",
    };

    /// <summary>The reference operator of `node` when it can be tabulated: one output, nothing fused, every operand besides the data a constant scalar.</summary>
    public static IOperator? Operator(QdqGraph graph, Node node)
    {
        if (node.Outputs.Count != 1 || node.Fused.Count > 0 || OperatorRegistry.Find(node.OpType) is not { } op) return null;
        for (int i = 1; i < node.Inputs.Count; i++)
            if (node.HasInput(i) && graph.Constant(node.Inputs[i]) is not { Length: 1 }) return null;
        return op;
    }

    /// <summary>The op on the given values, or null when the reference operator refuses this node (attributes, operand types).</summary>
    public static float[]? Evaluate(QdqGraph graph, Node node, IOperator op, float[] inputs)
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
