using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// MatMul with numpy semantics: a 1-D first input is a row vector and a 1-D second input a
/// column vector (the added dim is removed from the result); leading (batch) dims broadcast.
/// Float dot products accumulate in double; integer ones in long (wrapping into the type).
/// </summary>
public sealed class MatMulOperator : IOperator
{
    public string OpType => "MatMul";

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.RequireAll(ctx, TypeSupport.Numeric) ?? TypeSupport.RequireSame(ctx, 0, 1);

    public void InferShapes(ShapeContext ctx)
    {
        SymShape a = ctx.InputShape(0), b = ctx.InputShape(1);
        if (!a.HasRank || !b.HasRank) { ctx.SetOutput(0, ctx.InputType(0), SymShape.UnknownRank); return; }
        if (a.Rank == 0 || b.Rank == 0) throw ctx.Error("MatMul inputs must have rank 1 or more");
        var a2 = a.Rank == 1 ? new[] { Dim.Of(1), a[0] } : a.Dims!.ToArray();
        var b2 = b.Rank == 1 ? new[] { b[0], Dim.Of(1) } : b.Dims!.ToArray();
        Dim k1 = a2[^1], k2 = b2[^2];
        if (k1.IsKnown && k2.IsKnown && k1.Value != k2.Value)
            throw ctx.Error($"MatMul inner dims differ: {a} x {b}", "the last dim of A must equal the second-to-last dim of B");
        SymShape batch;
        try { batch = Broadcasting.Shapes(new SymShape(a2[..^2]), new SymShape(b2[..^2])); }
        catch (InvalidOperationException e) { throw ctx.Error($"MatMul batch dims of {a} and {b} do not broadcast: {e.Message}"); }
        var dims = batch.Dims!.ToList();
        if (a.Rank > 1) dims.Add(a2[^2]);
        if (b.Rank > 1) dims.Add(b2[^1]);
        ctx.SetOutput(0, ctx.InputType(0), new SymShape(dims));
    }

    public void Evaluate(EvalContext ctx) => ctx.SetOutput(0, Multiply(ctx.Input(0), ctx.Input(1)));

    public static Tensor Multiply(Tensor a, Tensor b)
    {
        int[] sa = a.Rank == 1 ? new[] { 1, a.Shape[0] } : a.Shape;
        int[] sb = b.Rank == 1 ? new[] { b.Shape[0], 1 } : b.Shape;
        int m = sa[^2], k = sa[^1], n = sb[^1];
        if (sb[^2] != k) throw new ArgumentException($"MatMul inner dims differ: [{string.Join("x", a.Shape)}] x [{string.Join("x", b.Shape)}]");
        int[] batchA = sa[..^2], batchB = sb[..^2];
        var batch = Broadcasting.Shapes(batchA, batchB);
        int[] mapA = Broadcasting.IndexMap(batch, batchA), mapB = Broadcasting.IndexMap(batch, batchB);
        var outShape = new List<int>(batch);
        if (a.Rank > 1) outShape.Add(m);
        if (b.Rank > 1) outShape.Add(n);
        int count = mapA.Length;
        if (a.Type.IsFloat())
        {
            double[] x = TensorValues.ToDoubles(a), y = TensorValues.ToDoubles(b), r = new double[count * m * n];
            for (int p = 0; p < count; p++)
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double s = 0;
                        int ra = mapA[p] * m * k + i * k, cb = mapB[p] * k * n + j;
                        for (int q = 0; q < k; q++) s += x[ra + q] * y[cb + q * n];
                        r[(p * m + i) * n + j] = s;
                    }
            return TensorValues.FromDoubles(a.Type, outShape.ToArray(), r);
        }
        long[] u = TensorValues.ToLongs(a), w = TensorValues.ToLongs(b), t = new long[count * m * n];
        for (int p = 0; p < count; p++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    long s = 0;
                    int ra = mapA[p] * m * k + i * k, cb = mapB[p] * k * n + j;
                    for (int q = 0; q < k; q++) s = unchecked(s + u[ra + q] * w[cb + q * n]);
                    t[(p * m + i) * n + j] = s;
                }
        return TensorValues.FromLongs(a.Type, outShape.ToArray(), t);
    }
}
