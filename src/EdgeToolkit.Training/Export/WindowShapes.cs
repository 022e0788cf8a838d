using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Export;

/// <summary>Output sizes and attribute lists shared by the convolution and pooling exporters.</summary>
internal static class WindowShapes
{
    /// <summary>PyTorch's output length of a sliding window along one axis.</summary>
    public static long OutputLength(long length, long kernel, long stride, long padBegin, long padEnd, long dilation, bool ceil)
    {
        long span = length + padBegin + padEnd - dilation * (kernel - 1) - 1;
        long n = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        // PyTorch (and ONNX) drop a last window that would start inside the end padding.
        if (ceil && (n - 1) * stride >= length + padBegin) n--;
        return n;
    }

    /// <summary>A per-axis setting: TorchSharp gives one value (1-d modules) or one per axis; empty or null means the fallback.</summary>
    public static long[] PerAxis(long[]? values, int axes, long[] fallback) =>
        values is null || values.Length == 0 ? fallback
        : values.Length == 1 ? Enumerable.Repeat(values[0], axes).ToArray()
        : values.Length == axes ? values
        : throw new ArgumentException($"expected 1 or {axes} values, got {values.Length}");

    /// <summary>ONNX pads: every axis's begin, then every axis's end.</summary>
    public static long[] Pads(long[] begin, long[] end) => begin.Concat(end).ToArray();

    public static EdgeToolkitException Unsupported(string name, string type, string what) =>
        new(ErrorKind.BadInput, $"layer '{name}' ({type}) uses {what}, which the exporter does not support",
            hint: "use the supported form, or export the module with IGraphExportable") { Unsupported = true };
}
