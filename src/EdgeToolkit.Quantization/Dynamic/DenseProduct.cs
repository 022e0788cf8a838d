using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// A MatMul or Gemm read as `Y = alpha * (X x W) + Bias` with W a constant float [K, N] matrix:
/// the one shape the dynamic rewrite needs, whatever the node's transposes and scalings were.
/// </summary>
/// <param name="Activation">X, the run-time operand.</param>
/// <param name="Weights">W row-major [K, N] (Gemm's transB already undone).</param>
/// <param name="Alpha">Gemm's alpha, folded into the weight scales later so the int8 weights stay exact.</param>
/// <param name="Bias">Gemm's beta * C, or null.</param>
internal sealed record DenseProduct(Node Node, string Activation, float[] Weights, int K, int N, float Alpha, Tensor? Bias)
{
    public string Output => Node.Outputs[0];

    /// <summary>The product, or null with the reason it stays in float (null reason: not a candidate at all).</summary>
    public static DenseProduct? TryRead(ModelGraph g, Node n, out string? whyNot)
    {
        whyNot = null;
        if (n.Domain != "" || n.OpType is not ("MatMul" or "Gemm") || n.Fused.Count > 0) return null;
        if (!n.HasInput(1) || !g.Initializers.TryGetValue(n.Inputs[1], out var w)) return null; // both operands computed at run time
        if (w.Type != DataType.Float32) return null;
        if (w.Rank != 2) { whyNot = $"its weight {w} is not a matrix"; return null; }
        if (g.Initializers.ContainsKey(n.Inputs[0])) { whyNot = "both operands are constant (constant folding removes it)"; return null; }
        return n.OpType == "MatMul" ? new DenseProduct(n, n.Inputs[0], (float[])w.Data, w.Shape[0], w.Shape[1], 1f, null) : ReadGemm(g, n, w, out whyNot);
    }

    private static DenseProduct? ReadGemm(ModelGraph g, Node n, Tensor w, out string? whyNot)
    {
        whyNot = null;
        if (n.GetInt("transA", 0) != 0) { whyNot = "Gemm with transA=1 (the activation would need a transpose first)"; return null; }
        float alpha = n.GetFloat("alpha", 1f), beta = n.GetFloat("beta", 1f);
        Tensor? bias = null;
        if (n.HasInput(2) && beta != 0)
        {
            if (!g.Initializers.TryGetValue(n.Inputs[2], out var c) || c.Type != DataType.Float32) { whyNot = "Gemm whose C is computed at run time"; return null; }
            bias = beta == 1f ? c : new Tensor(DataType.Float32, c.Shape, c.Floats.Select(v => beta * v).ToArray());
        }
        bool transB = n.GetInt("transB", 0) != 0;
        int k = w.Shape[transB ? 1 : 0], cols = w.Shape[transB ? 0 : 1];
        return new DenseProduct(n, n.Inputs[0], transB ? Transpose(w.Floats, cols, k) : w.Floats, k, cols, alpha, bias);
    }

    private static float[] Transpose(float[] src, int rows, int cols)
    {
        var t = new float[src.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = src[r * cols + c];
        return t;
    }
}
