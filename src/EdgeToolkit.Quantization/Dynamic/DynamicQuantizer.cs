using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>Options of `edgetk quantize --dynamic`.</summary>
public sealed record DynamicQuantizationOptions
{
    /// <summary>One weight scale per output column instead of one per tensor.</summary>
    public bool PerChannel { get; init; } = true;
    /// <summary>Node names kept in float.</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = Array.Empty<string>();
}

/// <param name="Graph">The dynamically quantized graph, ready for OnnxExporter.</param>
/// <param name="QuantizedNodes">Names of the MatMul/Gemm nodes now running in int8.</param>
public sealed record DynamicQuantizationResult(ModelGraph Graph, IReadOnlyList<string> QuantizedNodes,
    long WeightBytesBefore, long WeightBytesAfter, IReadOnlyList<string> Notes);

/// <summary>
/// Dynamic (weight int8, activations quantised at run time) quantisation in the form ONNX Runtime
/// runs fastest: DynamicQuantizeLinear + MatMulInteger + scale, which its optimiser fuses into
/// its int8 GEMM (VNNI / dot-product kernels).
/// </summary>
public static class DynamicQuantizer
{
    public static DynamicQuantizationResult Quantize(ModelGraph floatGraph, DynamicQuantizationOptions options) =>
        throw new NotImplementedException("dynamic quantization is being written");
}
