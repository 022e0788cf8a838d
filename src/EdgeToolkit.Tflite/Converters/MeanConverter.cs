using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// MEAN over constant axes. The mean over H and W of an NHWC tensor (global average pooling, how
/// Keras models end) becomes GlobalAveragePool on the channels-first value, which the int8
/// lowering has a kernel for; without keep_dims the pooled [N, C, 1, 1] is reshaped to [N, C]
/// after its QuantizeLinear. Other axes become ReduceMean (opset 13: axes as an attribute).
/// </summary>
internal sealed class MeanConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.MEAN };

    public void Convert(OperatorContext op)
    {
        op.Expect(2, 2);
        var x = op.Input(0);
        bool keepDims = op.Options<ReducerOptions>().KeepDims;
        var axes = ConstantValues.AsLongs(op.RequireConstant(1, "axes")).Select(a => a < 0 ? a + x.Rank : a).Distinct().Order().ToArray();
        if (axes.Any(a => a < 0 || a >= x.Rank)) throw op.Malformed($"averages over axes [{string.Join(",", axes)}] of a rank-{x.Rank} input");

        if (x.Rank == 4 && axes.SequenceEqual(new long[] { 1, 2 }))
        {
            var pooled = op.Node("GlobalAveragePool", new[] { op.Float(0, TensorLayout.ChannelsFirst) });
            if (keepDims) { op.Produce(pooled, TensorLayout.ChannelsFirst); return; }
            var shape = op.Initializer("shape", Tensor.Vector(op.Output().Shape.Select(d => (long)d).ToArray()));
            op.ProduceStored(op.Node("Reshape", new[] { op.QuantizedLikeOutput(pooled), shape }), TensorLayout.AsDeclared);
            return;
        }
        var layout = x.Rank == 4 && keepDims ? op.Preferred(0) : TensorLayout.AsDeclared;
        var onnxAxes = axes.Select(a => (long)Layouts.Axis((int)a, layout)).Order().ToArray();
        var y = op.Node("ReduceMean", new[] { op.Float(0, layout) },
            NodeAttribute.Of("axes", onnxAxes), NodeAttribute.Of("keepdims", keepDims ? 1L : 0L));
        op.Produce(y, layout);
    }
}
