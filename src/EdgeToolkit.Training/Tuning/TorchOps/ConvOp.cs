using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Conv with 1 to 3 spatial axes: strides, dilations, pads (asymmetric ones padded explicitly),
/// auto_pad, groups (depthwise included). The batch folds into N.
/// </summary>
public sealed class ConvOp : ITorchOp
{
    public string OpType => "Conv";

    public TorchKernel Compile(TorchNode node)
    {
        if (node.IsBatched(1) || node.IsBatched(2)) throw node.Unsupported("Conv with weights computed from the inputs is not supported");
        var kernel = node.Node.GetInts("kernel_shape")?.Select(k => (int)k).ToArray() ?? node.Constant(1)?.Shape[2..]
            ?? throw node.Unsupported("Conv without kernel_shape needs W as an initializer");
        var window = new WindowPadding(node, kernel);
        long[] strides = window.PerAxis("strides"), dilations = window.PerAxis("dilations");
        long groups = node.Node.GetInt("group", 1);
        bool batched = node.IsBatched(0), threeD = kernel.Length == 3;
        return inputs =>
        {
            var x = Batched.Fold(inputs[0]!, batched);
            var pads = window.For(x);
            var padded = window.Lift(pads.Explicit is { } p ? nn.functional.pad(x, p) : x);
            var w = window.Lift(inputs[1]!);
            var y = threeD
                ? nn.functional.conv3d(padded, w, inputs.Optional(2), strides, pads.Native, dilations, groups)
                : nn.functional.conv2d(padded, w, inputs.Optional(2), strides, pads.Native, dilations, groups);
            return Batched.Unfold(window.Unlift(y), inputs[0]!, batched);
        };
    }
}
