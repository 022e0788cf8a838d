namespace EdgeToolkit.Graph.Ops.Common;

/// <summary>
/// Binary ops before opset 7 broadcast only with broadcast=1, and then unidirectionally: B's shape
/// must match a contiguous run of A's dims, starting at 'axis' (or ending at A's last dim when
/// there is no axis). Placing B's dims there turns it into an ordinary numpy broadcast.
/// </summary>
public static class LegacyBroadcast
{
    public static bool Applies(Node node, int opset) => opset < 7 && node.GetInt("broadcast", 0) != 0;

    /// <summary>B reshaped to A's rank with its dims at 'axis' and ones elsewhere (unchanged when not legacy).</summary>
    public static Tensor AlignSecond(Node node, int opset, Tensor a, Tensor b)
    {
        if (!Applies(node, opset) || !node.HasAttribute("axis") || b.Rank == a.Rank) return b;
        int axis = Axes.Normalize(node.GetInt("axis", 0), a.Rank);
        if (axis + b.Rank > a.Rank) throw new ArgumentException($"legacy broadcast: B of rank {b.Rank} does not fit at axis {axis} of A of rank {a.Rank}");
        var shape = Enumerable.Repeat(1, a.Rank).ToArray();
        for (int k = 0; k < b.Rank; k++) shape[axis + k] = b.Shape[k];
        return b.Reshaped(shape);
    }

    /// <summary>
    /// The output shape: A's under legacy broadcasting; before opset 7 without it, the one shape
    /// all inputs must share; else the numpy broadcast of all inputs.
    /// </summary>
    public static SymShape OutputShape(ShapeContext ctx)
    {
        if (Applies(ctx.Node, ctx.Opset)) return ctx.InputShape(0);
        if (ctx.Opset < 7) RequireEqualShapes(ctx, "before opset 7 without broadcast=1");
        return ElementwiseKernels.BroadcastInputs(ctx);
    }

    /// <summary>Throws when two present inputs have known, different ranks or dims (ops that predate broadcasting).</summary>
    public static void RequireEqualShapes(ShapeContext ctx, string when)
    {
        SymShape? first = null;
        for (int i = 0; i < ctx.InputCount; i++)
        {
            if (!ctx.HasInput(i) || !ctx.InputShape(i).HasRank) continue;
            var s = ctx.InputShape(i);
            if (first == null) { first = s; continue; }
            bool clash = s.Rank != first.Rank || Enumerable.Range(0, s.Rank).Any(k => s[k].IsKnown && first[k].IsKnown && s[k].Value != first[k].Value);
            if (clash)
                throw ctx.Error($"{ctx.Node.OpType} {when} takes inputs of one shape, got {first} and {s}",
                    "re-export the model with a newer opset, or make the shapes equal");
        }
    }
}
