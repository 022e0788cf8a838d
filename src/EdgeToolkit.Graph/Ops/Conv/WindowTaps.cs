namespace EdgeToolkit.Graph.Ops.Conv;

/// <summary>
/// For every output position of a sliding window over one N-D plane, the kernel taps that land
/// inside the input: their index in the kernel and their flat offset in the input plane. Padding
/// taps are simply absent, which is what zero-padded conv and every pooling mode need.
/// </summary>
public sealed class WindowTaps
{
    /// <summary>Per output position (row-major), the valid (kernel tap, input offset) pairs.</summary>
    public (int Tap, int Offset)[][] Taps { get; }
    /// <summary>Per output position, taps inside the input or the explicit padding (AveragePool count_include_pad).</summary>
    public int[] PaddedCounts { get; }
    public int[] OutputShape { get; }
    public int KernelSize { get; }

    public WindowTaps(IReadOnlyList<int> input, AxisWindow[] axes)
    {
        int rank = axes.Length;
        OutputShape = axes.Select(a => a.Output).ToArray();
        var kernelShape = axes.Select(a => a.Kernel).ToArray();
        KernelSize = (int)Tensor.ElementCountOf(kernelShape);
        var inStrides = Tensor.Strides(input);
        int outCount = (int)Tensor.ElementCountOf(OutputShape);
        Taps = new (int, int)[outCount][];
        PaddedCounts = new int[outCount];
        var o = new int[rank];
        var k = new int[rank];
        var taps = new List<(int, int)>();
        for (int p = 0; p < outCount; p++)
        {
            Unravel(p, OutputShape, o);
            taps.Clear();
            int padded = 0;
            for (int t = 0; t < KernelSize; t++)
            {
                Unravel(t, kernelShape, k);
                bool inside = true, insidePadded = true;
                int offset = 0;
                for (int a = 0; a < rank; a++)
                {
                    int x = o[a] * axes[a].Stride - axes[a].PadBegin + k[a] * axes[a].Dilation;
                    if (x < 0 || x >= input[a]) inside = false;
                    if (x < -axes[a].PadBegin || x >= input[a] + axes[a].PadEnd) insidePadded = false;
                    offset += x * inStrides[a];
                }
                if (insidePadded) padded++;
                if (inside) taps.Add((t, offset));
            }
            Taps[p] = taps.ToArray();
            PaddedCounts[p] = padded;
        }
    }

    private static void Unravel(int flat, int[] shape, int[] coord)
    {
        for (int a = shape.Length - 1; a >= 0; a--) { coord[a] = flat % shape[a]; flat /= shape[a]; }
    }
}
