namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// ONNX multidirectional (numpy-style) broadcasting: shapes are right-aligned and each pair of
/// dims must be equal or contain a 1. Works on symbolic shapes for inference and on concrete
/// shapes for evaluation.
/// </summary>
public static class Broadcasting
{
    /// <summary>Broadcast result of symbolic shapes; unknown rank in any input gives unknown rank.</summary>
    public static SymShape Shapes(IEnumerable<SymShape> shapes)
    {
        var list = shapes.ToList();
        if (list.Any(s => !s.HasRank)) return SymShape.UnknownRank;
        int rank = list.Count == 0 ? 0 : list.Max(s => s.Rank);
        var dims = new Dim[rank];
        for (int k = 0; k < rank; k++)
        {
            Dim? acc = null;
            foreach (var s in list)
            {
                int j = k - (rank - s.Rank);
                if (j < 0) continue;
                acc = acc is { } a ? Combine(a, s[j]) : s[j];
            }
            dims[k] = acc ?? Dim.Of(1);
        }
        return new SymShape(dims);
    }

    public static SymShape Shapes(params SymShape[] shapes) => Shapes((IEnumerable<SymShape>)shapes);

    /// <summary>
    /// One output dim from two input dims. A known dim other than 1 wins over a symbolic one (the
    /// symbol must then be that size or 1, as ONNX's own inference assumes); two different symbols
    /// give an unknown dim.
    /// </summary>
    public static Dim Combine(Dim a, Dim b)
    {
        if (a.IsKnown && b.IsKnown)
        {
            if (a.Value == b.Value || b.Value == 1) return a;
            if (a.Value == 1) return b;
            throw new InvalidOperationException($"dims {a} and {b} cannot be broadcast together");
        }
        if (a.IsKnown) return a.Value == 1 ? b : a;
        if (b.IsKnown) return b.Value == 1 ? a : b;
        return a.Symbol != null && a.Symbol == b.Symbol ? a : Dim.Unknown;
    }

    /// <summary>Broadcast result of concrete shapes; throws when they are incompatible.</summary>
    public static int[] Shapes(IReadOnlyList<int[]> shapes)
    {
        int rank = shapes.Count == 0 ? 0 : shapes.Max(s => s.Length);
        var r = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            int d = 1;
            foreach (var s in shapes)
            {
                int j = k - (rank - s.Length);
                if (j < 0 || s[j] == 1) continue;
                if (d != 1 && d != s[j])
                    throw new ArgumentException($"shapes {string.Join(", ", shapes.Select(Format))} cannot be broadcast together");
                d = s[j];
            }
            // A zero-sized dim broadcasts against 1 to 0.
            r[k] = shapes.Any(s => k - (rank - s.Length) >= 0 && s[k - (rank - s.Length)] == 0) ? 0 : d;
        }
        return r;
    }

    public static int[] Shapes(params int[][] shapes) => Shapes((IReadOnlyList<int[]>)shapes);

    /// <summary>
    /// For each element of the output (row-major), the flat index of the element of an input of
    /// shape inShape that broadcasts onto it. inShape must broadcast to outShape.
    /// </summary>
    public static int[] IndexMap(int[] outShape, int[] inShape)
    {
        int rank = outShape.Length, offset = rank - inShape.Length;
        if (offset < 0) throw new ArgumentException($"shape {Format(inShape)} does not broadcast to {Format(outShape)}");
        var inStrides = Tensor.Strides(inShape);
        // Stride 0 on broadcast dims makes the mapping a plain odometer walk.
        var strides = new int[rank];
        for (int k = 0; k < inShape.Length; k++)
        {
            int o = outShape[k + offset], d = inShape[k];
            if (d != o && d != 1) throw new ArgumentException($"shape {Format(inShape)} does not broadcast to {Format(outShape)}");
            strides[k + offset] = d == 1 ? 0 : inStrides[k];
        }
        var map = new int[Tensor.ElementCountOf(outShape)];
        var idx = new int[rank];
        int flat = 0;
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = flat;
            for (int k = rank - 1; k >= 0; k--)
            {
                idx[k]++; flat += strides[k];
                if (idx[k] < outShape[k]) break;
                flat -= strides[k] * idx[k]; idx[k] = 0;
            }
        }
        return map;
    }

    /// <summary>ONNX unidirectional broadcasting (Gemm's C, PRelu's slope): b must broadcast to a.</summary>
    public static bool CanBroadcastTo(SymShape from, SymShape to)
    {
        if (!from.HasRank || !to.HasRank) return true;
        if (from.Rank > to.Rank) return false;
        int off = to.Rank - from.Rank;
        for (int k = 0; k < from.Rank; k++)
        {
            Dim f = from[k], t = to[k + off];
            if (f.IsKnown && t.IsKnown && f.Value != 1 && f.Value != t.Value) return false;
        }
        return true;
    }

    private static string Format(int[] s) => "[" + string.Join("x", s) + "]";
}
