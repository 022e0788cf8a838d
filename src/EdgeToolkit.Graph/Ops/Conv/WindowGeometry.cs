namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>How a sliding window (conv kernel or pooling window) walks one spatial axis.</summary>
public readonly record struct AxisWindow(int Kernel, int Stride, int Dilation, int PadBegin, int PadEnd, int Output)
{
    /// <summary>Span of the window in input elements, dilation included.</summary>
    public int Extent => (Kernel - 1) * Dilation + 1;
}

/// <summary>
/// The ONNX rules for the spatial attributes shared by Conv and the pools: kernel_shape, strides,
/// dilations, pads ([x1_begin, x2_begin, ..., x1_end, x2_end]), auto_pad and ceil_mode.
/// </summary>
public static class WindowGeometry
{
    private static readonly string[] AutoPads = { "NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER" };

    /// <summary>Reason the spatial attributes cannot be used for this many spatial axes, or null.</summary>
    public static string? Check(Node node, int spatialRank)
    {
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (!AutoPads.Contains(autoPad)) return $"auto_pad '{autoPad}' is not one of {string.Join(", ", AutoPads)}";
        foreach (var (name, length) in new[] { ("kernel_shape", spatialRank), ("strides", spatialRank), ("dilations", spatialRank), ("pads", 2 * spatialRank) })
        {
            var v = node.GetInts(name);
            if (v == null) continue;
            if (v.Length != length) return $"{name} has {v.Length} values; {spatialRank} spatial axes need {length}";
            if (name != "pads" && v.Any(x => x < 1)) return $"{name} values must be at least 1";
            if (name == "pads" && v.Any(x => x < 0)) return "negative pads are not supported";
        }
        return null;
    }

    /// <summary>The window on every spatial axis for concrete input sizes.</summary>
    public static AxisWindow[] Resolve(Node node, IReadOnlyList<int> input, IReadOnlyList<int> kernel, bool ceilMode)
    {
        var r = new AxisWindow[input.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Axis(node, i, input.Count, input[i], kernel[i], ceilMode);
        return r;
    }

    /// <summary>Output sizes for possibly symbolic input sizes (unknown where the input is).</summary>
    public static Dim[] OutputDims(Node node, IReadOnlyList<Dim> input, IReadOnlyList<int> kernel, bool ceilMode)
    {
        var r = new Dim[input.Count];
        for (int i = 0; i < r.Length; i++)
            r[i] = input[i].IsKnown ? Dim.Of(Axis(node, i, input.Count, (int)input[i].Value, kernel[i], ceilMode).Output) : Dim.Unknown;
        return r;
    }

    private static AxisWindow Axis(Node node, int i, int rank, int size, int kernel, bool ceilMode)
    {
        int stride = (int)(node.GetInts("strides")?[i] ?? 1);
        int dilation = (int)(node.GetInts("dilations")?[i] ?? 1);
        int extent = (kernel - 1) * dilation + 1;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        int begin, end, output;
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            output = (size + stride - 1) / stride;
            int total = Math.Max(0, (output - 1) * stride + extent - size);
            // SAME_UPPER puts the odd padding element at the end, SAME_LOWER at the beginning.
            begin = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
            end = total - begin;
        }
        else if (autoPad == "VALID")
        {
            begin = end = 0;
            output = size >= extent ? (size - extent) / stride + 1 : 0;
        }
        else
        {
            var pads = node.GetInts("pads");
            begin = (int)(pads?[i] ?? 0); end = (int)(pads?[i + rank] ?? 0);
            int span = size + begin + end - extent;
            if (span < 0) throw new InvalidOperationException($"window extent {extent} is larger than the padded input {size + begin + end}");
            output = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
            // In ceil mode the last window must still start inside the input or the begin padding.
            if (ceilMode && (output - 1) * stride >= size + begin) output--;
        }
        return new AxisWindow(kernel, stride, dilation, begin, end, output);
    }
}
