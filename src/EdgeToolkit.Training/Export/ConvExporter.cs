using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>nn.Conv1d and nn.Conv2d (stride, zero padding, dilation, groups) as Conv.</summary>
public sealed class ConvExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is Conv1d or Conv2d;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var conv = (Convolution)module;
        int axes = module is Conv1d ? 1 : 2;
        string type = module.GetType().Name;
        if (conv.padding_mode != PaddingModes.Zeros) throw WindowShapes.Unsupported(name, type, $"padding mode {conv.padding_mode}");
        if (input.Rank != axes + 2) throw new EdgeToolkitException(ErrorKind.BadInput, $"layer '{name}' ({type}) expects a rank-{axes + 2} input, got [{string.Join("x", input.Shape)}]");
        var w = conv.weight!;
        var kernel = w.shape[2..];
        var stride = WindowShapes.PerAxis(conv.stride, axes, Ones(axes));
        var dilation = WindowShapes.PerAxis(conv.dilation, axes, Ones(axes));
        long[] padBegin, padEnd;
        if (conv.padding_type == Padding.Same)
        {
            // PyTorch's 'same' puts the odd pixel at the end, like ONNX SAME_UPPER.
            var total = Enumerable.Range(0, axes).Select(i => dilation[i] * (kernel[i] - 1)).ToArray();
            padBegin = total.Select(t => t / 2).ToArray();
            padEnd = total.Select((t, i) => t - padBegin[i]).ToArray();
        }
        else
        {
            padBegin = WindowShapes.PerAxis(conv.padding, axes, new long[axes]);
            padEnd = padBegin;
        }
        var shape = new long[axes + 2];
        shape[0] = input.Shape[0]; shape[1] = w.shape[0];
        for (int i = 0; i < axes; i++)
            shape[2 + i] = WindowShapes.OutputLength(input.Shape[2 + i], kernel[i], stride[i], padBegin[i], padEnd[i], dilation[i], ceil: false);

        var inputs = new List<string> { input.Name, ctx.Weight($"{name}.weight", w) };
        if (conv.bias is { } bias) inputs.Add(ctx.Weight($"{name}.bias", bias));
        var y = ctx.Builder.OpNamed(name, "Conv", inputs.ToArray(),
            NodeAttribute.Of("kernel_shape", kernel),
            NodeAttribute.Of("strides", stride),
            NodeAttribute.Of("pads", WindowShapes.Pads(padBegin, padEnd)),
            NodeAttribute.Of("dilations", dilation),
            NodeAttribute.Of("group", conv.groups));
        return new GraphValue(y, shape);
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
