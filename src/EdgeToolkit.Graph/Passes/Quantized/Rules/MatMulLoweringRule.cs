namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int8 X of rank >= 2) -> MatMul(B from DQ(int8 constant [K, N])) [-> Relu | Clip] -> Q(int8)
/// becomes a QGemm without bias (or int16 X and Q: 16x8): every leading dim of X is a row, the output is [..., N].
/// </summary>
public sealed class MatMulLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "MatMul" };

    public string? TryLower(QdqGraph graph, Node node)
    {
        // The float value's shape: the integer one may have lost its info to an earlier rewrite.
        if (graph.Graph.TryGetInfo(node.Inputs[0])?.Shape is not { HasRank: true, Rank: >= 2 }) return null;
        if (QGemmLowering.Activation(graph, node.Inputs[0]) is not { } x) return null;
        if (QGemmLowering.Weights(graph, node.Inputs[1], channelAxis: 1) is not { } w) return null;
        int k = w.Values.Shape[0], n = w.Values.Shape[1];
        if (n == 0 || k == 0) return null;
        if (QGemmLowering.Output(graph, node.Outputs[0], x.Params.Type) is not { } output) return null;
        var weights = QGemmLowering.Transpose(w.Values.Int8s, k, n);
        return QGemmLowering.Lower(graph, node, x.Value, x.Params, weights, n, w.Params, bias: null, output);
    }
}
