using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>SOFTMAX over the last declared axis (the channels, axis 1 when held channels-first), of beta * x.</summary>
internal sealed class SoftmaxConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.SOFTMAX };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, 1);
        var layout = op.Preferred(0);
        var x = op.Float(0, layout);
        float beta = op.Options<SoftmaxOptions>().Beta;
        if (beta != 1f) x = op.Node("Mul", new[] { x, op.Initializer("beta", Tensor.Scalar(beta)) });
        int rank = op.Input(0).Rank;
        long axis = layout == TensorLayout.ChannelsFirst ? 1 : rank - 1;
        op.Produce(op.Node("Softmax", new[] { x }, NodeAttribute.Of("axis", axis)), layout);
    }
}
