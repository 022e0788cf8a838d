using EdgeToolkit.Graph;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Import;

/// <summary>Conv with 1-D or 2-D kernels (symmetric explicit padding, stride, dilation, groups) as nn.Conv1d / nn.Conv2d.</summary>
public sealed class ConvImporter : ILayerImporter
{
    public bool Handles(string opType) => opType == "Conv";

    public nn.Module<Tensor, Tensor> Import(ImportCursor cursor)
    {
        var node = cursor.Current;
        var w = cursor.Weight(node, 1);
        var bias = cursor.OptionalWeight(node, 2);
        int axes = w.Rank - 2;
        if (axes is not (1 or 2)) throw ImportCursor.Unsupported(node, $"a {axes}-D convolution (only 1-D and 2-D)");
        var g = WindowAttributes.Read(node, axes, w.Shape[2..].Select(d => (long)d).ToArray());
        long groups = node.GetInt("group", 1);
        long outChannels = w.Shape[0], inChannels = w.Shape[1] * groups;
        nn.Module<Tensor, Tensor> conv;
        if (axes == 1)
            conv = nn.Conv1d(inChannels, outChannels, g.Kernel[0], stride: g.Strides[0], padding: g.Pads[0], dilation: g.Dilations[0], groups: groups, bias: bias != null);
        else
            conv = nn.Conv2d(inChannels, outChannels, (g.Kernel[0], g.Kernel[1]), stride: (g.Strides[0], g.Strides[1]),
                padding: (g.Pads[0], g.Pads[1]), dilation: (g.Dilations[0], g.Dilations[1]), groups: groups, bias: bias != null);
        var module = (TorchSharp.Modules.Convolution)(object)conv;
        TorchImporter.CopyInto(module.weight!, w);
        if (bias != null) TorchImporter.CopyInto(module.bias!, bias);
        return conv;
    }
}

/// <summary>kernel_shape, strides, pads (symmetric only: PyTorch layers pad both ends alike), dilations.</summary>
internal sealed record WindowAttributes(long[] Kernel, long[] Strides, long[] Pads, long[] Dilations)
{
    public static WindowAttributes Read(Node node, int axes, long[]? kernelFallback)
    {
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID")) throw ImportCursor.Unsupported(node, $"auto_pad={autoPad} (pads must be explicit)");
        var kernel = node.GetInts("kernel_shape") ?? kernelFallback ?? throw ImportCursor.Unsupported(node, "no kernel_shape");
        var strides = node.GetInts("strides") ?? Ones(axes);
        var dilations = node.GetInts("dilations") ?? Ones(axes);
        var pads = node.GetInts("pads") ?? new long[2 * axes];
        if (autoPad == "VALID") pads = new long[2 * axes];
        if (kernel.Length != axes || strides.Length != axes || dilations.Length != axes || pads.Length != 2 * axes)
            throw ImportCursor.Unsupported(node, "attribute lengths that do not match the kernel's rank");
        if (!pads[..axes].SequenceEqual(pads[axes..])) throw ImportCursor.Unsupported(node, $"asymmetric pads [{string.Join(",", pads)}]");
        return new WindowAttributes(kernel, strides, pads[..axes], dilations);
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
