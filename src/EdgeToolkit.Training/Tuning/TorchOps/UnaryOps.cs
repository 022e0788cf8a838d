using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>Elementwise functions of one input (activations and math); batching needs nothing.</summary>
public sealed class UnaryOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[]
    {
        new UnaryOp("Relu", _ => x => x.relu()),
        new UnaryOp("Tanh", _ => x => x.tanh()),
        new UnaryOp("Sigmoid", _ => x => x.sigmoid()),
        new UnaryOp("Erf", _ => x => x.erf()),
        new UnaryOp("Sqrt", _ => x => x.sqrt()),
        new UnaryOp("Exp", _ => x => x.exp()),
        new UnaryOp("Log", _ => x => x.log()),
        new UnaryOp("Neg", _ => x => x.neg()),
        new UnaryOp("Abs", _ => x => x.abs()),
        new UnaryOp("Reciprocal", _ => x => x.reciprocal()),
        new UnaryOp("Softplus", _ => x => x.softplus()),
        new UnaryOp("LeakyRelu", node =>
        {
            double alpha = node.Node.GetFloat("alpha", 0.01f);
            return x => nn.functional.leaky_relu(x, alpha);
        }),
        new UnaryOp("Gelu", node => node.Node.GetString("approximate", "none") switch
        {
            "none" => x => x.gelu(),
            "tanh" => x => x.gelu(GELU.Approximate.tanh),
            var other => throw node.Unsupported($"Gelu approximate='{other}' is not 'none' or 'tanh'"),
        }),
    };

    private sealed class UnaryOp(string opType, Func<TorchNode, Func<Tensor, Tensor>> compile) : ITorchOp
    {
        public string OpType => opType;

        public TorchKernel Compile(TorchNode node)
        {
            var f = compile(node);
            return inputs => f(inputs[0]!);
        }
    }
}
