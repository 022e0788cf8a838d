using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Import;

/// <summary>MaxPool, AveragePool (1-D, 2-D) and GlobalAveragePool as the matching PyTorch pooling layers.</summary>
public sealed class PoolImporter : ILayerImporter
{
    public bool Handles(string opType) => opType is "MaxPool" or "AveragePool" or "GlobalAveragePool";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        int axes = cursor.Shape(node.Inputs[0]).Length - 2;
        if (axes is not (1 or 2)) throw ImportCursor.Unsupported(node, $"pooling over {axes} axes (only 1 or 2)");
        if (node.OpType == "GlobalAveragePool")
            return axes == 1 ? nn.AdaptiveAvgPool1d(1) : nn.AdaptiveAvgPool2d(1);
        if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0) throw ImportCursor.Unsupported(node, "the Indices output");
        if (node.GetInt("storage_order", 0) != 0) throw ImportCursor.Unsupported(node, "storage_order=1");
        var g = WindowAttributes.Read(node, axes, null);
        bool ceil = node.GetInt("ceil_mode", 0) != 0;
        if (node.OpType == "MaxPool")
            return axes == 1
                ? nn.MaxPool1d(g.Kernel[0], g.Strides[0], g.Pads[0], g.Dilations[0], ceil)
                : nn.MaxPool2d(g.Kernel, g.Strides, g.Pads, g.Dilations, ceil);
        if (g.Dilations.Any(d => d != 1)) throw ImportCursor.Unsupported(node, "dilated average pooling");
        bool includePad = node.GetInt("count_include_pad", 0) != 0;
        return axes == 1
            ? nn.AvgPool1d(g.Kernel[0], g.Strides[0], g.Pads[0], ceil, includePad)
            : nn.AvgPool2d(g.Kernel, g.Strides, g.Pads, ceil, includePad);
    }
}
