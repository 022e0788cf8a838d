using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// Weight-only int8 for embedding tables: Gather(table, ids) becomes
/// DequantizeLinear(Gather(int8 table, ids)), so the table is stored in a quarter of the bytes
/// and only the gathered rows are turned back into float at run time. In a small transformer the
/// word embeddings are often half of all weights (all-MiniLM-L6-v2: 47 of 91 MB) while costing no
/// arithmetic worth speeding up, so this is about size, not speed.
/// </summary>
internal static class EmbeddingGather
{
    /// <summary>DequantizeLinear with one scale per column (axis attribute) needs opset 13.</summary>
    private const int PerAxisOpset = 13;

    /// <summary>A Gather reading rows of a constant float matrix, or null.</summary>
    public static Tensor? TableOf(ModelGraph g, Node n) =>
        n is { OpType: "Gather", Domain: "" } && n.Fused.Count == 0 && n.GetInt("axis", 0) is 0 or -2
        && g.Initializers.TryGetValue(n.Inputs[0], out var t) && t is { Type: DataType.Float32, Rank: 2 } ? t : null;

    /// <summary>
    /// One scale per embedding dimension (column): transformer embeddings have a few dimensions
    /// far larger than the rest, which one scale per table would crush the others for.
    /// </summary>
    public static IEnumerable<Node> Build(ModelGraph g, NameAllocator names, Node gather, Tensor table, bool perChannel)
    {
        bool perColumn = perChannel && g.Opset >= PerAxisOpset;
        int rows = table.Shape[0], cols = table.Shape[1];
        var q = SymmetricWeights.Quantize(table.Floats, rows, cols, perColumn, reduceRange: false);
        string values = names.Fresh($"{gather.Inputs[0]}_int8"), scales = names.Fresh($"{gather.Inputs[0]}_scale");
        g.Initializers[values] = new Tensor(DataType.Int8, new[] { rows, cols }, q.Values);
        g.Initializers[scales] = perColumn ? Tensor.Vector(q.Scales) : Tensor.Scalar(q.Scales[0]);

        string rowsInt8 = names.Fresh($"{gather.Outputs[0]}_int8");
        var pick = new Node(gather.Name, "Gather", new[] { values, gather.Inputs[1] }, new[] { rowsInt8 });
        foreach (var a in gather.Attributes) pick.Attributes[a.Key] = a.Value;
        yield return pick;
        var dequantize = new Node(names.Fresh($"{gather.Name}_dequantize"), "DequantizeLinear", new[] { rowsInt8, scales }, new[] { gather.Outputs[0] });
        if (perColumn) dequantize.With(NodeAttribute.Of("axis", -1L));
        yield return dequantize;
    }
}
