namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int8 X) -> Gemm(W from DQ(int8 constant), optional C from DQ(int32 constant)) [-> Relu | Clip]
/// -> Q(int8) becomes one QGemm; so does the same with int16 X and Q (16x8). Only the plain fully
/// connected form: alpha = beta = 1, transA = 0; transB either way (W is stored [N, K] for the kernel).
/// </summary>
public sealed class GemmLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "Gemm" };

    public string? TryLower(QdqGraph graph, Node node)
    {
        if (node.Inputs.Count < 2 || node.GetFloat("alpha", 1f) != 1f || node.GetInt("transA", 0) != 0) return null;
        if (node.HasInput(2) && node.GetFloat("beta", 1f) != 1f) return null;
        bool transB = node.GetInt("transB", 0) != 0;
        if (QGemmLowering.Activation(graph, node.Inputs[0]) is not { } x) return null;
        if (QGemmLowering.Weights(graph, node.Inputs[1], channelAxis: transB ? 0 : 1) is not { } w) return null;
        int n = w.Values.Shape[transB ? 0 : 1], k = w.Values.Shape[transB ? 1 : 0];
        if (n == 0 || k == 0) return null;
        (int[] Values, float[]? Scales)? bias = null;
        if (node.HasInput(2) && (bias = QGemmLowering.Bias(graph, node.Inputs[2], n, x.Params, w.Params)) == null) return null;
        if (QGemmLowering.Output(graph, node.Outputs[0], x.Params.Type) is not { } output) return null;
        var weights = transB ? w.Values.Int8s : QGemmLowering.Transpose(w.Values.Int8s, k, n);
        return QGemmLowering.Lower(graph, node, x.Value, x.Params, weights, n, w.Params, bias, output);
    }
}
