using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// CONCATENATION: ONNX Concat of the float views (int8 inputs may each have their own scale;
/// the output's Q requantises), channels-first when 4-D inputs arrive that way.
/// </summary>
internal sealed class ConcatenationConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.CONCATENATION };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, int.MaxValue);
        var o = op.Options<ConcatenationOptions>();
        int rank = op.Output().Rank;
        int axis = o.Axis < 0 ? o.Axis + rank : o.Axis;
        if (axis < 0 || axis >= rank) throw op.Malformed($"concatenates along axis {o.Axis} of rank-{rank} tensors");
        var inputs = Enumerable.Range(0, op.InputCount).ToList();
        if (inputs.Any(k => op.Input(k).Rank != rank)) throw op.Malformed($"joins inputs whose ranks differ from the output's {rank}");
        var layout = rank == 4 && inputs.Any(k => op.Preferred(k) == TensorLayout.ChannelsFirst) ? TensorLayout.ChannelsFirst : TensorLayout.AsDeclared;
        var y = op.Node("Concat", inputs.Select(k => op.Float(k, layout)), NodeAttribute.Of("axis", (long)Layouts.Axis(axis, layout)));
        op.Produce(op.Activation(y, o.Activation), layout);
    }
}
