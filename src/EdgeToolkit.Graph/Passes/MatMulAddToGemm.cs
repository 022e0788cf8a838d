namespace EdgeToolkit.Graph.Passes;

/// <summary>MatMul(x, W) + bias -> Gemm(x, W, bias): one kernel with the bias in its loop.</summary>
internal static class MatMulAddToGemm
{
    public static bool TryRewrite(ModelGraph graph, Node matmul)
    {
        if (matmul.Inputs.Count != 2 || matmul.Fused.Count > 0) return false;
        var w = GraphQueries.ConstantOf(graph, matmul.Inputs[1]);
        var x = graph.TryGetInfo(matmul.Inputs[0]);
        if (w is not { Type: DataType.Float32, Rank: 2 } || x is not { Type: DataType.Float32 } || !x.Shape.HasRank || x.Shape.Rank != 2) return false;

        var product = matmul.Outputs[0];
        if (!GraphQueries.HasSingleReader(graph, GraphQueries.Readers(graph), product)) return false;
        var add = graph.Nodes.FirstOrDefault(n => n.Inputs.Contains(product));
        if (add is not { OpType: "Add", Domain: "" } || add.Inputs.Count != 2 || add.Fused.Count > 0) return false;
        var biasName = add.Inputs[0] == product ? add.Inputs[1] : add.Inputs[0];
        if (biasName == product) return false;
        var bias = GraphQueries.ConstantOf(graph, biasName);
        if (bias is not { Type: DataType.Float32 } || !BroadcastsInto(bias, x.Shape[0], w.Shape[1])) return false;

        matmul.OpType = "Gemm";
        matmul.Inputs.Add(biasName);
        matmul.Outputs[0] = add.Outputs[0];
        graph.Nodes.Remove(add);
        graph.ValueInfos.Remove(product);
        return true;
    }

    /// <summary>Gemm's C must broadcast to [M, N] without widening the result.</summary>
    private static bool BroadcastsInto(Tensor bias, Dim m, int n)
    {
        if (bias.Rank > 2) return false;
        if (bias.Rank >= 1 && bias.Shape[^1] != n && bias.Shape[^1] != 1) return false;
        if (bias.Rank == 2 && bias.Shape[0] != 1 && !(m.IsKnown && m.Value == bias.Shape[0])) return false;
        return true;
    }
}
