using EdgeToolkit.Graph;

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

    /// <summary>Reads the node's attributes against input shape x [N,C,(H,)W] and weight shape [M,C/group,(kH,)kW].</summary>
    public static ConvGeometry From(Node node, int[] x, int[] w)
    {
        int spatial = x.Length - 2;
        if (spatial is not (1 or 2)) throw new NotSupportedException($"Conv with {spatial} spatial dims (only 1-D and 2-D)");
        if (w.Length != x.Length) throw new NotSupportedException($"Conv weight rank {w.Length} does not match input rank {x.Length}");
        int group = (int)node.GetInt("group", 1);
        var kernel = node.GetInts("kernel_shape") ?? w[2..].Select(d => (long)d).ToArray();
        var strides = node.GetInts("strides") ?? Ones(spatial);
        var dilations = node.GetInts("dilations") ?? Ones(spatial);
        var inSize = x[2..];
        var pads = ResolvePads(node.GetString("auto_pad", "NOTSET"), node.GetInts("pads"), inSize, kernel, strides, dilations);
        // Index 0 is height (or 1 for a 1-D conv), index 1 is width.
        int At(long[] v, int axis, int one) => spatial == 1 ? (axis == 0 ? one : (int)v[0]) : (int)v[axis];
        int inH = spatial == 1 ? 1 : x[2], inW = x[^1];
        int kh = At(kernel, 0, 1), kw = At(kernel, 1, 1), sh = At(strides, 0, 1), sw = At(strides, 1, 1);
        int dh = At(dilations, 0, 1), dw = At(dilations, 1, 1);
        int pt = spatial == 1 ? 0 : (int)pads[0], pl = (int)pads[spatial == 1 ? 0 : 1];
        int pb = spatial == 1 ? 0 : (int)pads[2], pr = (int)pads[spatial == 1 ? 1 : 3];
        return new ConvGeometry
        {
            Is1D = spatial == 1, Batch = x[0], InChannels = x[1], InH = inH, InW = inW,
            OutChannels = w[0], Groups = group, KernelH = kh, KernelW = kw, StrideH = sh, StrideW = sw,
            DilationH = dh, DilationW = dw, PadTop = pt, PadLeft = pl,
            OutH = OutSize(inH, kh, sh, dh, pt + pb), OutW = OutSize(inW, kw, sw, dw, pl + pr),
        };
    }

    public static int OutSize(int size, int kernel, int stride, int dilation, int padTotal) =>
        (size + padTotal - ((kernel - 1) * dilation + 1)) / stride + 1;

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();

    /// <summary>Explicit pads [begin..., end...], with SAME_UPPER/SAME_LOWER/VALID resolved as ONNX defines them.</summary>
    public static long[] ResolvePads(string autoPad, long[]? pads, int[] inSize, long[] kernel, long[] strides, long[] dilations)
    {
        int n = inSize.Length;
        var r = new long[2 * n];
        switch (autoPad)
        {
            case "NOTSET" or "":
                if (pads != null) Array.Copy(pads, r, 2 * n);
                break;
            case "VALID":
                break;
            case "SAME_UPPER" or "SAME_LOWER":
                for (int i = 0; i < n; i++)
                {
                    long outSize = (inSize[i] + strides[i] - 1) / strides[i];
                    long total = Math.Max(0, (outSize - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - inSize[i]);
                    long small = total / 2, big = total - small;
                    r[i] = autoPad == "SAME_UPPER" ? small : big;
                    r[i + n] = autoPad == "SAME_UPPER" ? big : small;
                }
                break;
            default:
                throw new NotSupportedException($"auto_pad '{autoPad}'");
        }
        return r;
    }
}
