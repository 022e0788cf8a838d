using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Softmax and LogSoftmax: from opset 13 along one axis (default -1); before, over everything
/// from the axis (default 1) on, the input coerced to 2-D there.
/// </summary>
public sealed class SoftmaxOps : ITorchOpProvider
{
    public IEnumerable<ITorchOp> Ops() => new ITorchOp[]
    {
        new SoftmaxOp("Softmax", (x, dim) => x.softmax(dim)),
        new SoftmaxOp("LogSoftmax", (x, dim) => x.log_softmax(dim)),
    };

    private sealed class SoftmaxOp(string opType, Func<Tensor, long, Tensor> apply) : ITorchOp
    {
        public string OpType => opType;

        public TorchKernel Compile(TorchNode node)
        {
            bool coerced = node.Opset < 13, batched = node.IsBatched(0);
            long axis = node.Node.GetInt("axis", coerced ? 1 : -1);
            return inputs =>
            {
                var x = inputs[0]!;
                long dim = Batched.Axis(axis, Batched.Rank(x, batched), batched, node);
                return coerced ? apply(x.flatten(dim), -1).reshape(x.shape) : apply(x, dim);
            };
        }
    }
}

/// <summary>
/// Clip: min/max are attributes before opset 11 (defaults: the float range), optional constant
/// scalar inputs from 11. Integer inputs clamp with integer bounds so they stay integers.
/// </summary>
public sealed class ClipOp : ITorchOp
{
    public string OpType => "Clip";

    public TorchKernel Compile(TorchNode node)
    {
        double? lo, hi;
        if (node.Opset < 11) { lo = node.Node.GetFloat("min", float.MinValue); hi = node.Node.GetFloat("max", float.MaxValue); }
        else { lo = node.ConstantScalar(1, "min"); hi = node.ConstantScalar(2, "max"); }
        return inputs =>
        {
            var x = inputs[0]!;
            return x.is_floating_point()
                ? x.clamp(lo, hi)
                : x.clamp(lo.HasValue ? (long)lo.Value : null, hi.HasValue ? (long)hi.Value : null);
        };
    }
}
