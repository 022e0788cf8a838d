using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Whether a node of the optimised float graph can take part in the int8 graph, and in which role;
/// when it cannot, why (for the report's float nodes).
/// </summary>
public static class QdqEligibility
{
    public static readonly IReadOnlySet<string> WeightedOps = new HashSet<string> { "Conv", "Gemm", "MatMul" };
    public static readonly IReadOnlySet<string> ElementwiseOps = new HashSet<string> { "Add", "Mul", "Tanh", "Sigmoid", "GlobalAveragePool" };
    public static readonly IReadOnlySet<string> PassThroughOps = new HashSet<string> { "MaxPool", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Identity" };
    /// <summary>Recurrent ops: their weights are most of a streaming model's flash, their state needs float precision.</summary>
    public static readonly IReadOnlySet<string> WeightOnlyOps = new HashSet<string> { "LSTM", "GRU", "RNN" };
    public static readonly IReadOnlySet<string> FusableActivationOps = new HashSet<string> { "Relu", "Clip" };

    /// <summary>The role the node can play on its own (Weighted, Elementwise, PassThrough), or null with the reason it stays float.</summary>
    public static (QdqRole? Role, string? Reason) Of(ModelGraph g, Node n)
    {
        if (n.Domain.Length > 0) return (null, $"{n.OpType} is not an ONNX operator");
        if (WeightedOps.Contains(n.OpType)) return Weighted(g, n);
        if (WeightOnlyOps.Contains(n.OpType))
            return n.Inputs.Count >= 3 && new[] { n.Inputs[1], n.Inputs[2] }.All(i => g.Initializers.TryGetValue(i, out var w) && w.Type == DataType.Float32 && w.Rank == 3)
                ? (QdqRole.WeightOnly, null) : (null, "W and R are not float32 constants");
        if (ElementwiseOps.Contains(n.OpType))
        {
            var activations = n.Inputs.Where(i => i.Length > 0 && !g.IsInitializer(i)).ToList();
            if (n.Inputs.Any(i => i.Length > 0 && !IsFloat(g, i))) return (null, "an input is not float32");
            if (activations.Count == 0) return (null, "every input is a constant");
            if (n.OpType == "GlobalAveragePool" && g.TryGetInfo(n.Inputs[0])?.Shape is not { HasRank: true, Rank: >= 3 }) return (null, "input rank unknown");
            return (QdqRole.Elementwise, null);
        }
        if (PassThroughOps.Contains(n.OpType))
        {
            if (!IsFloat(g, n.Inputs[0]) || g.IsInitializer(n.Inputs[0])) return (null, "input is not a float32 activation");
            if (n.Outputs.Skip(1).Any(o => o.Length > 0)) return (null, "its second output is used");
            return (QdqRole.PassThrough, null);
        }
        if (FusableActivationOps.Contains(n.OpType)) return (null, $"{n.OpType} is quantized only right after a quantized Conv or Gemm");
        return (null, $"no int8 {n.OpType} (stays float)");
    }

    /// <summary>A Relu, or a Clip with constant bounds, on a float value.</summary>
    public static bool IsFusableActivation(ModelGraph g, Node n) =>
        n.Domain.Length == 0 && FusableActivationOps.Contains(n.OpType) && IsFloat(g, n.Inputs[0])
        && n.Inputs.Skip(1).All(i => i.Length == 0 || g.IsInitializer(i));

    public static bool IsFloat(ModelGraph g, string value) => value.Length > 0 && g.TryGetInfo(value)?.Type == DataType.Float32;

    private static (QdqRole?, string?) Weighted(ModelGraph g, Node n)
    {
        if (!IsFloat(g, n.Inputs[0]) || g.IsInitializer(n.Inputs[0])) return (null, "input is not a float32 activation");
        if (n.Inputs.Count < 2 || !g.Initializers.TryGetValue(n.Inputs[1], out var w) || w.Type != DataType.Float32)
            return (null, "weight is not a float32 constant");
        switch (n.OpType)
        {
            case "Conv":
                if (w.Rank < 3) return (null, "weight rank below 3");
                return Bias(g, n, 2, w.Shape[0]);
            case "Gemm":
                if (n.GetInt("transA", 0) != 0) return (null, "transA = 1");
                if (w.Rank != 2) return (null, "weight is not 2-D");
                return Bias(g, n, 2, n.GetInt("transB", 0) != 0 ? w.Shape[0] : w.Shape[1]);
            default: // MatMul
                if (w.Rank != 2) return (null, "weight is not 2-D (batched MatMul)");
                if (g.TryGetInfo(n.Inputs[0])?.Shape is { HasRank: true, Rank: < 2 }) return (null, "1-D input");
                return (QdqRole.Weighted, null);
        }
    }

    /// <summary>A bias, when there is one, must be a float32 constant with one value per output channel.</summary>
    private static (QdqRole?, string?) Bias(ModelGraph g, Node n, int input, int channels)
    {
        if (!n.HasInput(input)) return (QdqRole.Weighted, null);
        if (!g.Initializers.TryGetValue(n.Inputs[input], out var b) || b.Type != DataType.Float32) return (null, "bias is not a float32 constant");
        if (b.Length != channels || b.Shape.Count(d => d != 1) > 1) return (null, $"bias of shape [{string.Join("x", b.Shape)}] is not one value per output channel");
        return (QdqRole.Weighted, null);
    }
}
