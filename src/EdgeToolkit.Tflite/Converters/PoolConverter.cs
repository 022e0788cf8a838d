using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// AVERAGE_POOL_2D and MAX_POOL_2D as ONNX pools on the channels-first input. TFLite's average
/// leaves padding out of the count, as ONNX's default count_include_pad = 0 does. A window that
/// covers the whole unpadded input becomes GlobalAveragePool / GlobalMaxPool (the form the int8
/// lowering has a kernel for).
/// </summary>
internal sealed class PoolConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.AVERAGE_POOL_2D, BuiltinOperator.MAX_POOL_2D };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, 1);
        var x = op.Input(0);
        if (x.Rank != 4) throw op.Malformed($"has an input of rank {x.Rank}; pools take 4-D NHWC");
        var o = op.Options<Pool2DOptions>();
        if (o.FilterHeight < 1 || o.FilterWidth < 1) throw op.Malformed($"has a {o.FilterHeight}x{o.FilterWidth} window");
        bool average = op.Op.Code.Builtin == BuiltinOperator.AVERAGE_POOL_2D;
        var pads = WindowPads.Compute(op, x.Shape, o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, 1, 1, o.Padding);
        var input = op.Float(0, TensorLayout.ChannelsFirst);
        bool global = o.FilterHeight == x.Shape[1] && o.FilterWidth == x.Shape[2] && pads.All(p => p == 0);
        var y = global
            ? op.Node(average ? "GlobalAveragePool" : "GlobalMaxPool", new[] { input })
            : op.Node(average ? "AveragePool" : "MaxPool", new[] { input },
                WindowPads.WindowAttributes(o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, pads));
        op.Produce(op.Activation(y, o.Activation), TensorLayout.ChannelsFirst);
    }
}
