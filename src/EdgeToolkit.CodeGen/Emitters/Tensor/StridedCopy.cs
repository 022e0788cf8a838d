using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// One data movement y[outBase + sum i_k * outStride_k] = x[inBase + sum i_k * inStride_k] over a
/// box of dims. Transpose, Slice, Expand, Tile, Concat and Split are all this with different
/// strides (0 repeats, negative walks backwards). Size-1 axes are dropped and axes contiguous
/// in both tensors merged, so a plain copy becomes a single loop.
/// </summary>
internal sealed record StridedCopy(int[] Dims, long[] InStrides, long InBase, long[] OutStrides, long OutBase)
{
    public static long[] Contiguous(IReadOnlyList<int> shape) => Tensor.Strides(shape).Select(s => (long)s).ToArray();

    public long Elements => Tensor.ElementCountOf(Dims);

    public StridedCopy Simplified()
    {
        var d = new List<int>(); var si = new List<long>(); var so = new List<long>();
        for (int k = 0; k < Dims.Length; k++)
        {
            if (Dims[k] == 1) continue;
            if (d.Count > 0 && si[^1] == InStrides[k] * Dims[k] && so[^1] == OutStrides[k] * Dims[k])
            {
                d[^1] *= Dims[k]; si[^1] = InStrides[k]; so[^1] = OutStrides[k];
                continue;
            }
            d.Add(Dims[k]); si.Add(InStrides[k]); so.Add(OutStrides[k]);
        }
        return new StridedCopy(d.ToArray(), si.ToArray(), InBase, so.ToArray(), OutBase);
    }

    /// <summary>Writes the loops; x and y must be declared by the caller (typed pointers).</summary>
    public void Write(CWriter w, string label = "")
    {
        var s = Simplified();
        if (s.Elements == 0) { w.Line($"/* {label}nothing to copy */"); return; }
        int rank = s.Dims.Length;
        string Index(long b, long[] strides) =>
            string.Join(" + ", new[] { b.ToString() }.Where(_ => b != 0).Concat(Enumerable.Range(0, rank).Select(k =>
                strides[k] == 1 ? $"i{k}" : strides[k] == 0 ? "" : $"i{k} * ({strides[k]})").Where(t => t.Length > 0)).DefaultIfEmpty("0"));
        using var scope = w.Block("/* " + label + (rank == 0 ? "one element" : "dims " + string.Join("x", s.Dims)) + " */");
        if (rank > 0) w.Line("enum { " + string.Join(", ", s.Dims.Select((d, k) => $"D{k} = {d}")) + " };");
        var loops = new Stack<IDisposable>();
        for (int k = 0; k < rank; k++) loops.Push(w.Block($"for (int i{k} = 0; i{k} < D{k}; i{k}++)"));
        w.Line($"y[{Index(s.OutBase, s.OutStrides)}] = x[{Index(s.InBase, s.InStrides)}];");
        while (loops.Count > 0) loops.Pop().Dispose();
    }
}
