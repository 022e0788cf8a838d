using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// QUANTIZE (float to int8, or int8 to int8 with new parameters) and DEQUANTIZE (int8 or float16
/// constants to float): in QDQ form both are the input's float view written to the output, which
/// adds the QuantizeLinear or DequantizeLinear the output's type calls for.
/// </summary>
internal sealed class QuantizeConverter : IOpConverter
{
    public IReadOnlyList<BuiltinOperator> Ops { get; } = new[] { BuiltinOperator.QUANTIZE, BuiltinOperator.DEQUANTIZE };

    public void Convert(OperatorContext op)
    {
        op.Expect(1, 1);
        var layout = op.Preferred(0);
        // DEQUANTIZE gets a DequantizeLinear of its own that writes the output, so a dequantized model output is a DQ's result.
        var value = op.Op.Code.Builtin == BuiltinOperator.DEQUANTIZE ? op.DequantizedCopy(0, layout) : op.Float(0, layout);
        op.Produce(value, layout);
    }
}
