using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>
/// nn.MaxPool1d/2d (MaxPool), nn.AvgPool1d/2d (AveragePool, with PyTorch's count_include_pad)
/// and nn.AdaptiveAvgPool2d(1) (GlobalAveragePool).
/// </summary>
public sealed class PoolExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is MaxPool1d or MaxPool2d or AvgPool1d or AvgPool2d or AdaptiveAvgPool2d;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        string type = module.GetType().Name;
        int axes = module is MaxPool1d or AvgPool1d ? 1 : 2;
        if (input.Rank != axes + 2) throw new EdgeToolkitException(ErrorKind.BadInput, $"layer '{name}' ({type}) expects a rank-{axes + 2} input, got [{string.Join("x", input.Shape)}]");
        switch (module)
        {
            case AdaptiveAvgPool2d adaptive:
                if (adaptive.output_size.Any(s => s != 1)) throw WindowShapes.Unsupported(name, type, $"output size [{string.Join(",", adaptive.output_size)}] (only 1, global pooling)");
                return new GraphValue(ctx.Builder.OpNamed(name, "GlobalAveragePool", new[] { input.Name }), new[] { input.Shape[0], input.Shape[1], 1L, 1L });
            case MaxPool1d m:
                return Window(name, "MaxPool", input, ctx, new[] { m.kernel_size }, Opt(m.stride), Opt(m.padding), Opt(m.dilation), m.ceil_mode, null);
            case MaxPool2d m:
                return Window(name, "MaxPool", input, ctx, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode, null);
            case AvgPool1d a:
                return Window(name, "AveragePool", input, ctx, new[] { a.kernel_size }, Opt(a.stride), Opt(a.padding), null, a.ceil_mode, a.count_include_pad);
            case AvgPool2d a:
                if (a.divisor_override != null) throw WindowShapes.Unsupported(name, type, "divisor_override");
                return Window(name, "AveragePool", input, ctx, a.kernel_size, a.stride, a.padding, null, a.ceil_mode, a.count_include_pad);
            default:
                throw new InvalidOperationException(type);
        }
    }

    private static long[]? Opt(long? v) => v is long x ? new[] { x } : null;

    private static GraphValue Window(string name, string op, GraphValue input, ExportContext ctx,
        long[] kernelRaw, long[]? strideRaw, long[]? paddingRaw, long[]? dilationRaw, bool ceil, bool? countIncludePad)
    {
        int axes = input.Rank - 2;
        var kernel = WindowShapes.PerAxis(kernelRaw, axes, Array.Empty<long>());
        var stride = WindowShapes.PerAxis(strideRaw, axes, kernel); // PyTorch: stride defaults to the kernel
        var pad = WindowShapes.PerAxis(paddingRaw, axes, new long[axes]);
        var dilation = WindowShapes.PerAxis(dilationRaw, axes, Enumerable.Repeat(1L, axes).ToArray());
        var shape = new long[input.Rank];
        shape[0] = input.Shape[0]; shape[1] = input.Shape[1];
        for (int i = 0; i < axes; i++)
            shape[2 + i] = WindowShapes.OutputLength(input.Shape[2 + i], kernel[i], stride[i], pad[i], pad[i], dilation[i], ceil);
        var attrs = new List<NodeAttribute>
        {
            NodeAttribute.Of("kernel_shape", kernel),
            NodeAttribute.Of("strides", stride),
            NodeAttribute.Of("pads", WindowShapes.Pads(pad, pad)),
            NodeAttribute.Of("ceil_mode", ceil ? 1L : 0L),
        };
        if (op == "MaxPool" && dilation.Any(d => d != 1)) attrs.Add(NodeAttribute.Of("dilations", dilation));
        if (countIncludePad is bool include) attrs.Add(NodeAttribute.Of("count_include_pad", include ? 1L : 0L));
        return new GraphValue(ctx.Builder.OpNamed(name, op, new[] { input.Name }, attrs.ToArray()), shape);
    }
}
