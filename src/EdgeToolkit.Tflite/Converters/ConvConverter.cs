using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// CONV_2D (filter OHWI) and DEPTHWISE_CONV_2D (filter [1, H, W, C*M]) as ONNX Conv on the
/// channels-first input, with the filter permuted once to OIHW (depthwise: [C*M, 1, H, W] and
/// group = C) so that a per-channel quantization axis lands on ONNX's output-channel axis 0.
/// </summary>
internal sealed class ConvConverter : IOpConverter
{
    private static readonly int[] DepthwiseToOihw = { 3, 0, 1, 2 };

    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D };

    public void Convert(OperatorContext op)
    {
        op.Expect(2, 3);
        var (x, w) = (op.Input(0), op.Input(1));
        if (x.Rank != 4 || w.Rank != 4) throw op.Malformed($"has input of rank {x.Rank} and filter of rank {w.Rank}; both must be 4-D (NHWC, OHWI)");
        if (op.Constant(1) == null)
            throw op.Unsupported("its filter is computed at run time", "EdgeToolkit compiles convolutions with constant filters; freeze the weights when converting");
        bool depthwise = op.Op.Code.Builtin == BuiltinOperator.DEPTHWISE_CONV_2D;
        var g = depthwise ? Geometry.Of(op.Options<DepthwiseConv2DOptions>()) : Geometry.Of(op.Options<Conv2DOptions>());
        int inChannels = x.Shape[3], kernelH = w.Shape[1], kernelW = w.Shape[2];
        int outChannels = depthwise ? w.Shape[3] : w.Shape[0];
        int filterChannels = depthwise ? 1 : w.Shape[3];
        int group = filterChannels > 0 && inChannels % filterChannels == 0 ? inChannels / filterChannels : 0;
        if (group == 0 || outChannels % group != 0 || depthwise && w.Shape[0] != 1)
            throw op.Malformed($"has filter [{string.Join("x", w.Shape)}] that does not fit {inChannels} input channels");

        var pads = WindowPads.Compute(op, x.Shape, kernelH, kernelW, g.StrideH, g.StrideW, g.DilationH, g.DilationW, g.Padding);
        var inputs = new List<string>
        {
            op.Float(0, TensorLayout.ChannelsFirst),
            depthwise ? op.PermutedFloatConstant(1, DepthwiseToOihw) : op.PermutedFloatConstant(1, Layouts.NhwcToNchw),
        };
        if (op.HasInput(2)) inputs.Add(op.Float(2, TensorLayout.AsDeclared));
        var attributes = WindowPads.WindowAttributes(kernelH, kernelW, g.StrideH, g.StrideW, pads)
            .Append(NodeAttribute.Of("dilations", new long[] { g.DilationH, g.DilationW }))
            .Append(NodeAttribute.Of("group", (long)group)).ToArray();
        var y = op.Node("Conv", inputs, attributes);
        op.Produce(op.Activation(y, g.Activation), TensorLayout.ChannelsFirst);
    }

    /// <summary>What CONV_2D's and DEPTHWISE_CONV_2D's options share.</summary>
    private sealed record Geometry(Padding Padding, int StrideH, int StrideW, int DilationH, int DilationW, FusedActivation Activation)
    {
        public static Geometry Of(Conv2DOptions o) => new(o.Padding, o.StrideH, o.StrideW, o.DilationH, o.DilationW, o.Activation);
        public static Geometry Of(DepthwiseConv2DOptions o) => new(o.Padding, o.StrideH, o.StrideW, o.DilationH, o.DilationW, o.Activation);
    }
}
