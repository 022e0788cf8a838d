namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Arithmetic on possibly symbolic dims, as far as it can be done without values.</summary>
internal static class SymDims
{
    /// <summary>
    /// Product of dims. Known when all are known; when exactly one is symbolic and the others
    /// multiply to 1 it is that symbol (so Flatten keeps "batch"); otherwise unknown.
    /// </summary>
    public static Dim Product(IEnumerable<Dim> dims)
    {
        long known = 1;
        Dim? single = null;
        int unknown = 0;
        foreach (var d in dims)
        {
            if (d.IsKnown) known *= d.Value;
            else { unknown++; single = d; }
        }
        if (unknown == 0) return Dim.Of(known);
        if (known == 0) return Dim.Of(0);
        return unknown == 1 && known == 1 ? single!.Value : Dim.Unknown;
    }

    /// <summary>Sum of dims: known when all are known, the one symbolic dim when the rest are 0.</summary>
    public static Dim Sum(IEnumerable<Dim> dims)
    {
        long known = 0;
        Dim? single = null;
        int unknown = 0;
        foreach (var d in dims)
        {
            if (d.IsKnown) known += d.Value;
            else { unknown++; single = d; }
        }
        if (unknown == 0) return Dim.Of(known);
        return unknown == 1 && known == 0 ? single!.Value : Dim.Unknown;
    }

    /// <summary>Two views of what must be the same dim: prefer the known one, then a shared symbol.</summary>
    public static Dim Merge(Dim a, Dim b)
    {
        if (a.IsKnown) return a;
        if (b.IsKnown) return b;
        return a.Symbol != null ? a : b;
    }

    /// <summary>Where two alternatives (If branches) give different dims, the result is unknown.</summary>
    public static Dim Join(Dim a, Dim b) => a == b ? a : Dim.Unknown;
}
