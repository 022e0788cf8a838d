using EdgeToolkit.Graph;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Cast between the element types torch has; float to integer truncates toward zero, as in the graph.</summary>
public sealed class CastOp : ITorchOp
{
    public string OpType => "Cast";

    public TorchKernel Compile(TorchNode node)
    {
        var to = (DataType)node.Node.GetInt("to", 0);
        var type = TorchTypes.Of(to) ?? throw node.Unsupported($"Cast to {to.OnnxName()} is not supported in fine-tuning");
        return inputs => inputs[0]!.to_type(type);
    }
}
