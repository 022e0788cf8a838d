using EdgeToolkit.Graph.Ops.TensorOps;

namespace EdgeToolkit.Graph.Ops.Control;

/// <summary>Per-iteration slices in and out of Loop and Scan bodies.</summary>
internal static class ScanStacking
{
    /// <summary>The per-iteration values of one scan output stacked along a new axis.</summary>
    public static Tensor Stack(List<Tensor> parts, ValueInfo declared, int axis, EvalContext ctx)
    {
        if (parts.Count == 0)
        {
            var inner = declared.Shape.IsConcrete ? declared.Shape.ToConcrete().ToList() : new List<int>();
            inner.Insert(Math.Min(axis, inner.Count), 0);
            return Tensor.Zeros(declared.Type, inner.ToArray());
        }
        var first = parts[0];
        if (parts.Any(p => p.Type != first.Type || !p.Shape.SequenceEqual(first.Shape)))
            throw ctx.Error("a scan output changes type or shape between iterations");
        var data = ElementGather.NewArray(first.Type, (long)parts.Count * first.Length);
        for (int k = 0; k < parts.Count; k++) Array.Copy(parts[k].Data, 0, data, k * first.Length, first.Length);
        var stacked = new Tensor(first.Type, new[] { parts.Count }.Concat(first.Shape).ToArray(), data);
        if (axis == 0) return stacked;
        // Move the new leading axis to its place.
        var perm = Enumerable.Range(1, first.Rank).ToList();
        perm.Insert(axis, 0);
        return TransposeOp.Apply(stacked, perm.ToArray());
    }

    /// <summary>Slice t of x along axis, with that axis removed.</summary>
    public static Tensor Slice(Tensor x, int axis, int t)
    {
        int count = x.Shape[axis];
        int outer = (int)Tensor.ElementCountOf(x.Shape[..axis]), inner = (int)Tensor.ElementCountOf(x.Shape[(axis + 1)..]);
        var data = ElementGather.NewArray(x.Type, (long)outer * inner);
        for (int o = 0; o < outer; o++) Array.Copy(x.Data, (o * count + t) * inner, data, o * inner, inner);
        return new Tensor(x.Type, x.Shape.Where((_, a) => a != axis).ToArray(), data);
    }
}
