using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// MatMul with numpy semantics. A constant 2-D (or 1-D) B takes the register-blocked DenseKernel
/// with every leading dim of A folded into rows; anything else (run-time B, batched B with
/// broadcasting) a loop nest over the broadcast batch dims, around a plain triple loop
/// (portable) or BatchedMatMulKernel's row tiles (host, AArch64).
/// </summary>
public sealed class MatMulEmitter : IKernelEmitter
{
    public string OpType => "MatMul";

    public string? CheckSupported(KernelContext ctx) => DenseSupport.Check(ctx, 2);

    public long Macs(KernelContext ctx)
    {
        var g = MatMulShape.Of(ctx.InputShape(0), ctx.InputShape(1));
        return (long)g.Batch * g.M * g.K * g.N;
    }

    public void Emit(KernelContext ctx)
    {
        var a = ctx.InputShape(0);
        var b = ctx.InputShape(1);
        var g = MatMulShape.Of(a, b);
        if (ctx.Constant(1) is { } bConst && g.BatchB == 1)
        {
            // Every leading dim of A is just more rows against the same weights.
            var rows = (int)(Tensor.ElementCountOf(a) / g.K);
            new DenseKernel { Rows = rows, K = g.K, N = g.N, Weights = bConst.ToFloatArray() }.Write(ctx);
            return;
        }
        WriteBatched(ctx, g);
    }

    private static void WriteBatched(KernelContext ctx, MatMulShape g)
    {
        var w = ctx.Code;
        int rank = g.OutBatch.Length;
        var idx = Enumerable.Range(0, rank).Select(d => $"i{d}").ToList();
        bool tiled = BatchedMatMulKernel.Suits(ctx.Target);
        w.Line($"int {string.Join(", ", idx.Concat(tiled ? BatchedMatMulKernel.Locals(g.N) : new[] { "m", "n", "k" }))};");
        var loops = new List<IDisposable>();
        for (int d = 0; d < rank; d++) loops.Add(w.Block($"for ({idx[d]} = 0; {idx[d]} < {g.OutBatch[d]}; {idx[d]}++)"));
        string Offset(int[] strides) => string.Join(" + ", Enumerable.Range(0, rank).Where(d => strides[d] != 0).Select(d => $"{idx[d]} * {strides[d]}").DefaultIfEmpty("0"));
        w.Line($"const float *a = {ctx.In(0)} + {Offset(g.StridesA)};");
        w.Line($"const float *b = {ctx.In(1)} + {Offset(g.StridesB)};");
        w.Line($"float *y = {ctx.Out(0)} + {Offset(g.StridesY)};");
        if (tiled) BatchedMatMulKernel.WriteBody(ctx, g.M, g.K, g.N);
        else WritePortableBody(ctx, g);
        for (int d = rank - 1; d >= 0; d--) loops[d].Dispose();
    }

    /// <summary>One [M, K] x [K, N] matrix of the batch, one scalar sum per output.</summary>
    private static void WritePortableBody(KernelContext ctx, MatMulShape g)
    {
        var w = ctx.Code;
        using (w.Block($"for (m = 0; m < {g.M}; m++)"))
        using (w.Block($"for (n = 0; n < {g.N}; n++)"))
        {
            w.Line("float acc = 0.0f;");
            w.Line($"for (k = 0; k < {g.K}; k++) acc += a[m * {g.K} + k] * b[k * {g.N} + n];");
            foreach (var post in ctx.Node.Fused) w.Line($"acc = {PostOps.Apply(ctx, post, "acc")};");
            w.Line($"y[m * {g.N} + n] = acc;");
        }
    }
}

/// <summary>
/// MatMul geometry after numpy's rules: 1-D operands promoted (and the added dim dropped from
/// the output), batch dims broadcast. Strides are in elements per batch index (0 where broadcast).
/// </summary>
internal sealed record MatMulShape(int M, int K, int N, int[] OutBatch, int[] StridesA, int[] StridesB, int[] StridesY, int BatchB)
{
    public int Batch => OutBatch.Aggregate(1, (p, d) => p * d);

    public static MatMulShape Of(int[] a, int[] b)
    {
        var a2 = a.Length == 1 ? new[] { 1, a[0] } : a;
        var b2 = b.Length == 1 ? new[] { b[0], 1 } : b;
        int m = a2[^2], k = a2[^1], n = b2[^1];
        var ba = a2[..^2];
        var bb = b2[..^2];
        int rank = Math.Max(ba.Length, bb.Length);
        var outBatch = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = d - (rank - ba.Length) >= 0 ? ba[d - (rank - ba.Length)] : 1;
            int db = d - (rank - bb.Length) >= 0 ? bb[d - (rank - bb.Length)] : 1;
            outBatch[d] = Math.Max(da, db);
        }
        return new MatMulShape(m, k, n, outBatch, Strides(ba, rank, m * k), Strides(bb, rank, k * n), Strides(outBatch, rank, m * n),
            bb.Aggregate(1, (p, d) => p * d));
    }

    /// <summary>Per output batch dim, the element stride in this operand (0 where it has size 1 or is missing).</summary>
    private static int[] Strides(int[] dims, int rank, int matrix)
    {
        var s = new int[rank];
        int acc = matrix;
        for (int d = dims.Length - 1; d >= 0; d--)
        {
            s[d + rank - dims.Length] = dims[d] == 1 ? 0 : acc;
            acc *= dims[d];
        }
        return s;
    }
}
