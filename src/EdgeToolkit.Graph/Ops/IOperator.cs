namespace EdgeToolkit.Graph.Ops;

/// <summary>
/// One ONNX operator: its type/shape rule and its reference evaluation. Implementations live one
/// family per file under Ops/ and are found by reflection (every non-abstract IOperator with a
/// public parameterless constructor, plus every IOperatorProvider).
/// </summary>
public interface IOperator
{
    /// <summary>ONNX op type, e.g. "Gemm".</summary>
    string OpType { get; }
    /// <summary>"" for the default ONNX domain.</summary>
    string Domain => "";

    /// <summary>
    /// Says why this node cannot be handled (unsupported attribute value, input type, opset), or
    /// null when it can. Called before anything else so that errors name the node.
    /// </summary>
    string? CheckSupported(ShapeContext ctx) => null;

    /// <summary>Sets the type and shape of every output. Input shapes may be symbolic.</summary>
    void InferShapes(ShapeContext ctx);

    /// <summary>Computes the outputs from concrete inputs.</summary>
    void Evaluate(EvalContext ctx);
}

/// <summary>For families that register several op types from one class (e.g. unary math).</summary>
public interface IOperatorProvider
{
    IEnumerable<IOperator> Operators();
}
