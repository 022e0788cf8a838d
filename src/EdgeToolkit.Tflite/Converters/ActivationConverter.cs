using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>Elementwise activations; they keep whatever layout their input is in.</summary>
internal sealed class ActivationConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[]
    {
        BuiltinOperator.RELU, BuiltinOperator.RELU6, BuiltinOperator.RELU_N1_TO_1, BuiltinOperator.LOGISTIC, BuiltinOperator.TANH,
        BuiltinOperator.LEAKY_RELU,
    };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, 1);
        var layout = op.Preferred(0);
        var x = op.Float(0, layout);
        var y = op.Op.Code.Builtin switch
        {
            BuiltinOperator.RELU => op.Node("Relu", new[] { x }),
            BuiltinOperator.RELU6 => op.Clip(x, 0f, 6f),
            BuiltinOperator.RELU_N1_TO_1 => op.Clip(x, -1f, 1f),
            BuiltinOperator.LOGISTIC => op.Node("Sigmoid", new[] { x }),
            BuiltinOperator.TANH => op.Node("Tanh", new[] { x }),
            _ => op.Node("LeakyRelu", new[] { x }, NodeAttribute.Of("alpha", op.Options<LeakyReluOptions>().Alpha)),
        };
        op.Produce(y, layout);
    }
}
