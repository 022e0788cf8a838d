using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// Gemm: Y = alpha * A' * B' + beta * C, with A' = transpose(A) if transA and B' likewise.
/// C is optional from opset 11 and broadcasts unidirectionally to [M, N]. float32 only.
/// </summary>
public sealed class GemmOperator : IOperator
{
    public string OpType => "Gemm";

    public string? CheckSupported(ShapeContext ctx)
    {
        var why = TypeSupport.RequireAll(ctx, TypeSupport.Float);
        if (why != null) return why;
        if (!ctx.HasInput(2) && ctx.Opset < 11) return "Gemm before opset 11 requires input C";
        for (int i = 0; i < 2; i++)
            if (ctx.InputShape(i) is { HasRank: true } s && s.Rank != 2) return $"Gemm input {(i == 0 ? "A" : "B")} must be 2-D, got {s}";
        return null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        SymShape a = ctx.InputShape(0), b = ctx.InputShape(1);
        bool ta = ctx.Node.GetInt("transA", 0) != 0, tb = ctx.Node.GetInt("transB", 0) != 0;
        Dim m = a.HasRank ? a[ta ? 1 : 0] : Dim.Unknown, n = b.HasRank ? b[tb ? 0 : 1] : Dim.Unknown;
        if (a.HasRank && b.HasRank)
        {
            Dim k1 = a[ta ? 0 : 1], k2 = b[tb ? 1 : 0];
            if (k1.IsKnown && k2.IsKnown && k1.Value != k2.Value)
                throw ctx.Error($"Gemm inner dims differ: A{a} (transA={(ta ? 1 : 0)}) x B{b} (transB={(tb ? 1 : 0)})");
        }
        var y = new SymShape(new[] { m, n });
        if (ctx.HasInput(2) && !Broadcasting.CanBroadcastTo(ctx.InputShape(2), y))
            throw ctx.Error($"Gemm's C {ctx.InputShape(2)} does not broadcast to the output {y}");
        ctx.SetOutput(0, ctx.InputType(0), y);
    }

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = ctx.Input(1);
        bool ta = ctx.Node.GetInt("transA", 0) != 0, tb = ctx.Node.GetInt("transB", 0) != 0;
        double alpha = ctx.Node.GetFloat("alpha", 1f), beta = ctx.Node.GetFloat("beta", 1f);
        // beta = 0 drops C entirely (as ONNX Runtime does), so an inf or NaN in C cannot leak in.
        var c = beta != 0 ? ctx.OptionalInput(2) : null;
        int m = a.Shape[ta ? 1 : 0], k = a.Shape[ta ? 0 : 1], n = b.Shape[tb ? 0 : 1];
        if (b.Shape[tb ? 1 : 0] != k) throw ctx.Error($"Gemm inner dims differ: {a} x {b}");
        // Element (i, q) of A' and (q, j) of B' as flat offsets: strides swap with the transposes.
        int aRow = ta ? 1 : k, aCol = ta ? m : 1, bRow = tb ? 1 : n, bCol = tb ? k : 1;
        double[] x = TensorValues.ToDoubles(a), w = TensorValues.ToDoubles(b);
        double[]? cv = c != null ? TensorValues.ToDoubles(c) : null;
        int[]? cMap = c != null ? Broadcasting.IndexMap(new[] { m, n }, c.Shape) : null;
        var y = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int q = 0; q < k; q++) s += x[i * aRow + q * aCol] * w[q * bRow + j * bCol];
                y[i * n + j] = alpha * s + (cv != null ? beta * cv[cMap![i * n + j]] : 0);
            }
        ctx.SetOutput(0, TensorValues.FromDoubles(a.Type, new[] { m, n }, y));
    }
}
