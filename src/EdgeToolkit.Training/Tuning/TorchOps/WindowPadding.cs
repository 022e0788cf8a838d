using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Conv;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <param name="Begin">Padding before each spatial axis (graph order).</param>
/// <param name="End">Padding after each spatial axis.</param>
/// <param name="Native">The padding argument of the torch op: the pads when symmetric, else zeros (Explicit pads first).</param>
/// <param name="Explicit">nn.functional.pad's argument (last axis first) when the pads are not symmetric, else null.</param>
internal sealed record WindowPads(long[] Begin, long[] End, long[] Native, long[]? Explicit);

/// <summary>
/// The geometry of a window op (Conv, pools) by the graph's rules (WindowGeometry). Padding is
/// fixed by the pads attribute, or for auto_pad=SAME_* worked out from the input size and
/// remembered for that size. One-dimensional windows run as 2-D ones of height 1, since
/// TorchSharp's 1-D ops take single ints: Lift and the per-axis arrays do that.
/// </summary>
internal sealed class WindowPadding
{
    private readonly Node _node;
    private readonly int[] _kernel;
    private readonly WindowPads? _fixed;
    private long[]? _lastSizes;
    private WindowPads? _last;

    public WindowPadding(TorchNode node, int[] kernel)
    {
        if (kernel.Length is < 1 or > 3) throw node.Unsupported($"{kernel.Length} spatial axes are not supported (1 to 3 are)");
        if (WindowGeometry.Check(node.Node, kernel.Length) is { } why) throw node.Unsupported(why);
        _node = node.Node;
        _kernel = kernel;
        var autoPad = node.Node.GetString("auto_pad", "NOTSET");
        if (autoPad is "NOTSET" or "VALID")
        {
            var pads = autoPad == "VALID" ? null : node.Node.GetInts("pads");
            int n = kernel.Length;
            _fixed = Make(Enumerable.Range(0, n).Select(i => pads?[i] ?? 0).ToArray(), Enumerable.Range(0, n).Select(i => pads?[i + n] ?? 0).ToArray());
        }
    }

    /// <summary>The pads when the attributes fix them (no auto_pad=SAME_*), else null.</summary>
    public WindowPads? Fixed => _fixed;

    private bool IsOneDimensional => _kernel.Length == 1;

    /// <summary>x of shape [N, C, spatial...] as the torch op takes it.</summary>
    public Tensor Lift(Tensor x) => IsOneDimensional ? x.unsqueeze(-2) : x;

    public Tensor Unlift(Tensor y) => IsOneDimensional ? y.squeeze(-2) : y;

    /// <summary>An int list attribute with one value per spatial axis (default 1: strides, dilations), lifted like the input.</summary>
    public long[] PerAxis(string attribute) => Lifted(_node.GetInts(attribute) ?? Enumerable.Repeat(1L, _kernel.Length).ToArray(), 1);

    public long[] Kernel => Lifted(_kernel.Select(k => (long)k).ToArray(), 1);

    /// <summary>The pads for x of shape [N, C, spatial...] (not lifted).</summary>
    public WindowPads For(Tensor x)
    {
        if (_fixed != null) return _fixed;
        var sizes = x.shape[2..];
        if (_last != null && sizes.AsSpan().SequenceEqual(_lastSizes)) return _last;
        var windows = WindowGeometry.Resolve(_node, sizes.Select(s => (int)s).ToArray(), _kernel, ceilMode: false);
        _last = Make(windows.Select(w => (long)w.PadBegin).ToArray(), windows.Select(w => (long)w.PadEnd).ToArray());
        _lastSizes = sizes;
        return _last;
    }

    private WindowPads Make(long[] begin, long[] end)
    {
        if (begin.AsSpan().SequenceEqual(end)) return new WindowPads(begin, end, Lifted(begin, 0), null);
        var explicitPads = new long[2 * begin.Length];
        for (int i = 0; i < begin.Length; i++)
        {
            explicitPads[2 * i] = begin[^(i + 1)];
            explicitPads[2 * i + 1] = end[^(i + 1)];
        }
        return new WindowPads(begin, end, Lifted(new long[begin.Length], 0), explicitPads);
    }

    private long[] Lifted(long[] perAxis, long height) => IsOneDimensional ? new[] { height, perAxis[0] } : perAxis;
}
