using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>
/// Turns one TFLite builtin op into ONNX-semantics nodes (float ops with QuantizeLinear /
/// DequantizeLinear where tensors are quantized). Implementations are found by reflection
/// (OpConverters), one per op family.
/// </summary>
internal interface IOpConverter
{
    IReadOnlyList<BuiltinOperator> Ops { get; }
    void Convert(OperatorContext op);
}
