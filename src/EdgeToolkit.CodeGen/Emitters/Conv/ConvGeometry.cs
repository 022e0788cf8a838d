using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Conv;

namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// The resolved shape arithmetic of one Conv node: 1-D convolutions are viewed as 2-D with a
/// height of 1 so that one loop nest serves both. Pads are explicit (auto_pad resolved).
/// </summary>
internal sealed record ConvGeometry
{
    public required bool Is1D { get; init; }
    public required int Batch { get; init; }
    public required int InChannels { get; init; }
    public required int InH { get; init; }
    public required int InW { get; init; }
    public required int OutChannels { get; init; }
    public required int Groups { get; init; }
    public required int KernelH { get; init; }
    public required int KernelW { get; init; }
    public required int StrideH { get; init; }
    public required int StrideW { get; init; }
    public required int DilationH { get; init; }
    public required int DilationW { get; init; }
    public required int PadTop { get; init; }
    public required int PadLeft { get; init; }
    /// <summary>Conv output (before any fused pooling).</summary>
    public required int OutH { get; init; }
    public required int OutW { get; init; }

    public int InChannelsPerGroup => InChannels / Groups;
    public int OutChannelsPerGroup => OutChannels / Groups;
    public int TapsPerOutput => InChannelsPerGroup * KernelH * KernelW;

    /// <summary>First and last conv output row whose receptive field lies wholly inside the input (no padding read).</summary>
    public (int First, int Last) InteriorRows => Interior(InH, KernelH, StrideH, DilationH, PadTop, OutH);
    public (int First, int Last) InteriorCols => Interior(InW, KernelW, StrideW, DilationW, PadLeft, OutW);

    private static (int, int) Interior(int size, int kernel, int stride, int dilation, int padBefore, int outSize)
    {
        int first = (padBefore + stride - 1) / stride;
        int span = (kernel - 1) * dilation;
        int lastNumerator = size - 1 + padBefore - span;
        int last = lastNumerator < 0 ? -1 : lastNumerator / stride;
        return (first, Math.Min(last, outSize - 1));
    }

    /// <summary>
    /// Reads the node's attributes against input shape x [N,C,(H,)W] and weight shape [M,C/group,(kH,)kW].
    /// Pads, auto_pad and output sizes come from the graph's WindowGeometry, the rules the reference evaluator uses.
    /// </summary>
    public static ConvGeometry From(Node node, int[] x, int[] w)
    {
        int spatial = x.Length - 2;
        if (spatial is not (1 or 2)) throw new NotSupportedException($"Conv with {spatial} spatial dims (only 1-D and 2-D)");
        if (w.Length != x.Length) throw new NotSupportedException($"Conv weight rank {w.Length} does not match input rank {x.Length}");
        if (WindowGeometry.Check(node, spatial) is { } why) throw new NotSupportedException(why);
        var kernel = node.GetInts("kernel_shape")?.Select(k => (int)k).ToArray() ?? w[2..];
        var axes = WindowGeometry.Resolve(node, x[2..], kernel, ceilMode: false);
        // A 1-D conv is a 2-D one with a single row.
        var rows = spatial == 1 ? new AxisWindow(1, 1, 1, 0, 0, 1) : axes[0];
        var cols = axes[^1];
        return new ConvGeometry
        {
            Is1D = spatial == 1, Batch = x[0], InChannels = x[1], InH = spatial == 1 ? 1 : x[2], InW = x[^1],
            OutChannels = w[0], Groups = (int)node.GetInt("group", 1), KernelH = rows.Kernel, KernelW = cols.Kernel,
            StrideH = rows.Stride, StrideW = cols.Stride, DilationH = rows.Dilation, DilationW = cols.Dilation,
            PadTop = rows.PadBegin, PadLeft = cols.PadBegin, OutH = rows.Output, OutW = cols.Output,
        };
    }
}
