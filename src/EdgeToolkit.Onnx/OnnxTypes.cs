using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>ONNX element type codes (TensorProto.DataType) to the toolkit's DataType.</summary>
internal static class OnnxTypes
{
    /// <summary>The toolkit type, or null when ONNX has the type but the toolkit does not.</summary>
    public static DataType? TryMap(int onnxType) =>
        onnxType is >= 1 and <= 13 ? (DataType)onnxType : null;

    public static string Name(int onnxType) => onnxType switch
    {
        0 => "undefined",
        14 => "complex64",
        15 => "complex128",
        16 => "bfloat16",
        17 => "float8e4m3fn",
        18 => "float8e4m3fnuz",
        19 => "float8e5m2",
        20 => "float8e5m2fnuz",
        21 => "uint4",
        22 => "int4",
        23 => "float4e2m1",
        _ when TryMap(onnxType) is { } t => t.OnnxName(),
        _ => $"type code {onnxType}",
    };
}
