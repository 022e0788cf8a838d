using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes.Quantized;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// What `--activations int16` (TFLite's 16x8: int16 activations, int8 weights) can run in
/// integers on an MCU: Gemm and MatMul (QGemm, with its fused Relu/Clip) and Tanh/Sigmoid
/// (QLookup16). Other quantizable ops have int8 kernels only and stay float. A Gemm/MatMul
/// also stays float when one of its int32 sums could overflow: with 256 times finer input steps
/// the biases are 256 times larger, and |B| + 32768 sum|W| must fit in int32 (the lowering's own
/// test, Ops/Quantized/README.md), checked on the weights and biases exactly as written.
/// </summary>
public static class Int16Activations
{
    /// <summary>
    /// int16 scales cover this many times the calibrated max|x|. Held-out data go past the
    /// calibration samples' extremes, and a saturated value costs far more than the one bit of 15
    /// spent here: on control-msd (200 calibration samples) saturation alone took the held-out
    /// nrmse from 0.136% to 0.169% of range (float: 0.093%); 1.5, 2 and 4 all removed it.
    /// </summary>
    public const float Headroom = 2f;

    public static readonly IReadOnlySet<string> Ops = new HashSet<string> { "Gemm", "MatMul", "Tanh", "Sigmoid" };

    /// <summary>Quantizable nodes of the optimised graph whose op has no int16 kernel, with why.</summary>
    public static Dictionary<string, string> UnsupportedOps(ModelGraph g) => g.Nodes
        .Where(n => QdqEligibility.Of(g, n).Role is QdqRole.Weighted or QdqRole.Elementwise && !Ops.Contains(n.OpType))
        .ToDictionary(n => n.Name, n => $"no int16 {n.OpType} kernel (16x8 covers {string.Join(", ", Ops)})");

    /// <summary>
    /// Gemm/MatMul nodes of a written int16 QDQ model whose int32 sums could overflow, with why:
    /// they must stay float.
    /// </summary>
    public static Dictionary<string, string> Overflowing(QdqModel model)
    {
        var g = model.Graph;
        var result = new Dictionary<string, string>();
        foreach (var (name, role) in model.Plan.Nodes)
        {
            if (role != QdqRole.Weighted || g.Nodes.FirstOrDefault(n => n.Name == name) is not { } node) continue;
            if (Dequantized(g, node.Inputs[1]) is not { Type: DataType.Int8 } w) continue;
            // The output units run along axis 0 of a Gemm's W with transB = 1, else along axis 1 ([K, N]).
            int axis = node.OpType == "Gemm" && node.GetInt("transB", 0) != 0 ? 0 : 1;
            int n = w.Shape[axis];
            var sums = new long[n];
            for (int i = 0; i < w.Length; i++) sums[axis == 0 ? i / w.Shape[1] : i % n] += Math.Abs((int)w.Int8s[i]);
            var bias = node.HasInput(2) && Dequantized(g, node.Inputs[2]) is { Type: DataType.Int32 } b ? b.Int32s : new int[n];
            if (!RequantTerms.Int16SumsFit(bias, sums))
                result[name] = "its int32 sums could overflow with int16 inputs (|bias| + 32768 * sum |w| > 2^31 - 1)";
        }
        return result;
    }

    /// <summary>The integer constant behind a DequantizeLinear output, or null.</summary>
    private static Tensor? Dequantized(ModelGraph g, string value) =>
        g.Nodes.FirstOrDefault(n => n.Outputs.Contains(value)) is { OpType: "DequantizeLinear" } dq && g.Initializers.TryGetValue(dq.Inputs[0], out var t) ? t : null;
}
