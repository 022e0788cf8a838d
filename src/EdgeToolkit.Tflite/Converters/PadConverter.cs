using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// PAD and PADV2 (constant padding) as ONNX Pad on the float view. An int8 PAD fills with the
/// zero point, which is float 0 after the DequantizeLinear, so the float Pad with 0 and the
/// output's Q give TFLite's result.
/// </summary>
internal sealed class PadConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.PAD, BuiltinOperator.PADV2 };

    public void Convert(OperatorContext op)
    {
        bool withValue = op.Op.Code.Builtin == BuiltinOperator.PADV2;
        op.Expect(withValue ? 3 : 2, withValue ? 3 : 2);
        var x = op.Input(0);
        var paddings = ConstantValues.AsLongs(op.RequireConstant(1, "paddings"));
        if (paddings.Length != 2 * x.Rank) throw op.Malformed($"has {paddings.Length} padding values for a rank-{x.Rank} input; it needs [{x.Rank}, 2]");
        var layout = op.Preferred(0);
        var order = layout == TensorLayout.ChannelsFirst ? Layouts.NhwcToNchw : Enumerable.Range(0, x.Rank).ToArray();
        // TFLite [rank, 2] (before, after) pairs; ONNX all befores, then all afters.
        var pads = order.Select(a => paddings[2 * a]).Concat(order.Select(a => paddings[2 * a + 1])).ToArray();
        float fill = withValue ? ConstantValues.AsFloat(op.RequireConstant(2, "padding value"), ImportContext.IsQuantized(op.Input(2)) ? op.Input(2).Quantization : null).Floats[0] : 0f;
        var y = op.Node("Pad", new[] { op.Float(0, layout), op.Initializer("pads", Tensor.Vector(pads)), op.Initializer("value", Tensor.Scalar(fill)) });
        op.Produce(y, layout);
    }
}
