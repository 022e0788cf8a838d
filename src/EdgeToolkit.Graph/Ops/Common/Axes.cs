namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>Axis arguments as ONNX accepts them: negative values count from the end.</summary>
public static class Axes
{
    /// <summary>Maps axis in [-rank, rank-1] to [0, rank-1]; throws a clear error otherwise.</summary>
    public static int Normalize(long axis, int rank, string what = "axis")
    {
        if (axis < -rank || axis >= rank)
            throw new ArgumentException($"{what} {axis} is out of range for rank {rank}");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>Normalizes a list of axes; rejects duplicates (ONNX requires them distinct).</summary>
    public static int[] Normalize(IEnumerable<long> axes, int rank, string what = "axes")
    {
        var r = axes.Select(a => Normalize(a, rank, what)).ToArray();
        if (r.Distinct().Count() != r.Length) throw new ArgumentException($"{what} [{string.Join(",", axes)}] repeat an axis");
        return r;
    }

    /// <summary>Product of dims in [from, to) of a concrete shape.</summary>
    public static int Product(int[] shape, int from, int to)
    {
        int p = 1;
        for (int k = from; k < to; k++) p *= shape[k];
        return p;
    }

    /// <summary>Product of dims in [from, to) of a symbolic shape, or unknown when any is symbolic.</summary>
    public static Dim Product(SymShape shape, int from, int to)
    {
        long p = 1;
        for (int k = from; k < to; k++)
        {
            if (!shape[k].IsKnown) return Dim.Unknown;
            p *= shape[k].Value;
        }
        return Dim.Of(p);
    }
}
