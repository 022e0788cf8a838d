using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// Gemm: Y = alpha * A' * B' + beta * C on 2-D A and B, C broadcasting to [M, N]. The usual
/// exported layer (batched A, weight B with transB=1, bias C of N values) is one linear call.
/// </summary>
public sealed class GemmOp : ITorchOp
{
    public string OpType => "Gemm";

    public TorchKernel Compile(TorchNode node)
    {
        bool transA = node.Node.GetInt("transA", 0) != 0, transB = node.Node.GetInt("transB", 0) != 0;
        double alpha = node.Node.GetFloat("alpha", 1f), beta = node.Node.GetFloat("beta", 1f);
        // beta = 0 drops C entirely, as the graph's Gemm does, so an inf or NaN in C cannot leak in.
        bool hasC = node.HasInput(2) && beta != 0, batchedC = node.IsBatched(2);
        if (!node.HasInput(2) && node.Opset < 11) throw node.Unsupported("Gemm before opset 11 requires input C");
        bool linear = transB && alpha == 1 && beta == 1 && !node.IsBatched(1) && !batchedC;
        return inputs =>
        {
            var a = transA ? inputs[0]!.transpose(-1, -2) : inputs[0]!;
            var c = hasC ? inputs[2]! : null;
            if (linear && (c is null || c.dim() == 1 && c.size(0) == inputs[1]!.size(0)))
                return nn.functional.linear(a, inputs[1]!, c);
            var product = a.matmul(transB ? inputs[1]!.transpose(-1, -2) : inputs[1]!);
            if (alpha != 1) product = product.mul(alpha);
            if (c is null) return product;
            c = Batched.Lift(c, batchedC, 2);
            return beta == 1 ? product.add(c) : product.add(c.mul(beta));
        };
    }
}

/// <summary>
/// MatMul with numpy semantics per sample: a 1-D first input is a row vector, a 1-D second
/// input a column vector, and the added dim leaves the result; leading dims broadcast. Vectors
/// become matrices explicitly, since torch would read a batched vector's batch dim as a matrix dim.
/// </summary>
public sealed class MatMulOp : ITorchOp
{
    public string OpType => "MatMul";

    public TorchKernel Compile(TorchNode node)
    {
        bool ba = node.IsBatched(0), bb = node.IsBatched(1);
        if (!ba && !bb) return inputs => inputs[0]!.matmul(inputs[1]!);
        return inputs =>
        {
            Tensor a = inputs[0]!, b = inputs[1]!;
            bool rowVector = Batched.Rank(a, ba) == 1, columnVector = Batched.Rank(b, bb) == 1;
            if (rowVector) a = a.unsqueeze(-2);
            if (columnVector) b = b.unsqueeze(-1);
            int rank = Math.Max(Batched.Rank(a, ba), Batched.Rank(b, bb));
            var y = Batched.Lift(a, ba, rank).matmul(Batched.Lift(b, bb, rank));
            if (columnVector) y = y.squeeze(-1);
            return rowVector ? y.squeeze(columnVector ? -1 : -2) : y;
        };
    }
}
