using TorchSharp;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Evaluates one node's output 0 from its inputs (null for an omitted optional input). Batched
/// inputs carry the leading batch dim; the result is batched exactly when some input is.
/// </summary>
public delegate torch.Tensor TorchKernel(torch.Tensor?[] inputs);

/// <summary>
/// The torch rule of one ONNX op, with the semantics of the graph's own operator
/// (src/EdgeToolkit.Graph/Ops). Rules live one family per file in this folder and are found by
/// reflection, like the graph's operators: every public non-abstract ITorchOp with a
/// parameterless constructor, plus every ITorchOpProvider.
/// </summary>
public interface ITorchOp
{
    string OpType { get; }

    /// <summary>Inputs read as fixed statistics and never trained, even when float weights (BatchNormalization's running mean and variance).</summary>
    bool IsFrozenInput(int index) => false;

    /// <summary>
    /// Reads the node's attributes and constant inputs once, and returns the kernel Run calls on
    /// every pass. Throws TorchNode.Unsupported when the node cannot be handled.
    /// </summary>
    TorchKernel Compile(TorchNode node);
}

/// <summary>For families that register several op types from one class (the unary activations).</summary>
public interface ITorchOpProvider
{
    IEnumerable<ITorchOp> Ops();
}

public static class TorchKernelInputs
{
    /// <summary>Input i, or null when the node omits it or has fewer inputs (optional trailing inputs).</summary>
    public static torch.Tensor? Optional(this torch.Tensor?[] inputs, int i) => i < inputs.Length ? inputs[i] : null;
}
