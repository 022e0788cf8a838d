namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// Folds an int8 MaxPool into the QConv producing its input (Node.Fused), as FusionPass does for
/// float Conv: requantisation is monotonic, so the conv kernel may pool its int32 sums and
/// requantise once per pooled value, and skip the conv outputs floor pooling never reads.
/// Only a plain pool (no pads, no dilations, floor mode, window of the conv's rank) that is the
/// sole reader of a QConv with nothing fused yet.
/// </summary>
internal static class QConvPoolFusion
{
    public static bool TryFuse(QdqGraph g, Node pool)
    {
        var value = pool.Inputs[0];
        if (g.Producer(value) is not { OpType: "QConv", Domain: "edgetk" } conv || conv.Fused.Count > 0) return false;
        if (!IsOnlyLiveReader(g, value, pool) || pool.Outputs.Skip(1).Any(o => o.Length > 0)) return false;
        var weightRank = g.Constant(conv.Inputs[1])?.Rank;
        if (!IsPlain(pool, weightRank - 2)) return false;
        var post = ModelGraph.CloneNode(pool);
        conv.Fused.Add(post);
        conv.Outputs[0] = post.Outputs[0];
        g.Graph.ValueInfos.Remove(value);
        // Replacing the conv by itself drops the pool node (and the dead DQ that still names the
        // vanished value) and refreshes the view's producers and readers.
        var deadReaders = g.Readers(value).Where(r => r != pool).ToArray();
        g.Replace(conv, conv, deadReaders.Prepend(pool).ToArray());
        return true;
    }

    /// <summary>Like QdqGraph.OnlyReader, ignoring the DequantizeLinear the lowering left without readers (dead-node elimination drops it).</summary>
    private static bool IsOnlyLiveReader(QdqGraph g, string value, Node reader) =>
        !g.IsGraphOutput(value) && g.Readers(value).All(r => r == reader || IsDeadDequantize(g, r)) && g.Readers(value).Contains(reader);

    private static bool IsDeadDequantize(QdqGraph g, Node n) =>
        n.OpType == "DequantizeLinear" && n.Domain.Length == 0 && n.Outputs.All(o => !g.IsGraphOutput(o) && g.Readers(o).Count == 0);

    private static bool IsPlain(Node pool, int? spatialRank)
    {
        var kernel = pool.GetInts("kernel_shape");
        if (kernel == null || kernel.Length != spatialRank) return false;
        if (pool.GetInts("pads") is { } pads && pads.Any(p => p != 0)) return false;
        if (pool.GetInts("dilations") is { } dil && dil.Any(d => d != 1)) return false;
        if (pool.GetInt("ceil_mode", 0) != 0) return false;
        return pool.GetString("auto_pad", "NOTSET") is "NOTSET" or "VALID";
    }
}
