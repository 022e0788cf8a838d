using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// Y[m, n] = post(sum_k X[m, k] W[k, n] + bias) with W known at generation time: the fast path
/// of Gemm and MatMul. Outputs are computed R at a time in R register accumulators (register
/// blocking); W is re-laid out block by block in exactly the order the inner loop reads it, so
/// the loop is one x load, R weight loads and R multiply-adds per step. Accumulators start at
/// the bias, and the post-ops are applied as each output is stored. This is the portable kernel
/// (Cortex-M); the host and AArch64 profiles take DenseVectorKernel (up to three rows) or
/// DenseTiledKernel (four rows or more) instead.
/// </summary>
internal sealed class DenseKernel
{
    public required int Rows { get; init; }
    public required int K { get; init; }
    public required int N { get; init; }
    /// <summary>W[k, n] as row-major [K, N] floats (alpha already applied).</summary>
    public required float[] Weights { get; init; }
    /// <summary>[N] (same for every row), [Rows, N], or null for none.</summary>
    public float[]? Bias { get; init; }
    /// <summary>X is stored transposed ([K, Rows]): element (m, k) at k * Rows + m.</summary>
    public bool TransposedX { get; init; }
    /// <summary>Adds a run-time term to each accumulator before the post-ops, e.g. "0.5f * in2[m * 4 + n]" (may use m and n), or null.</summary>
    public Func<string, string, string>? RuntimeAddend { get; init; }

    /// <summary>
    /// Outputs per block: up to TargetProfile.FloatRegisters accumulators (measured on Cortex-M4,
    /// 16 beat 8 by 4-5%: fewer x loads and loop steps per MAC), balanced so the last block is not tiny.
    /// </summary>
    public static int BlockWidth(TargetProfile target, int n)
    {
        int max = Math.Max(1, target.FloatRegisters);
        int blocks = (n + max - 1) / max;
        return (n + blocks - 1) / blocks;
    }

    public void Write(KernelContext ctx)
    {
        // Optimised variants sit beside the portable kernel, chosen by target (TFLite Micro style).
        if (DenseTiledKernel.Suits(ctx.Target, Rows))
        {
            new DenseTiledKernel(this).Write(ctx);
            return;
        }
        if (DenseVectorKernel.Suits(ctx.Target))
        {
            new DenseVectorKernel(this).Write(ctx);
            return;
        }
        var w = ctx.Code;
        int r = BlockWidth(ctx.Target, N);
        int full = N / r, tail = N % r;
        var packed = ctx.AddConstant(ctx.Node.Name + "_weights", Tensor.FromFloats(new[] { N * K }, Pack(r)));
        var bias = Bias == null ? null : ctx.AddConstant(ctx.Node.Name + "_bias_folded", Tensor.FromFloats(new[] { Bias.Length }, Bias));
        bool biasPerRow = Bias != null && Bias.Length != N;
        w.Line($"/* [{Rows}x{K}] x [{K}x{N}]: {r} output{(r > 1 ? "s" : "")} at a time in registers, weights packed in the order the loop reads them */");
        w.Line($"const float *w = {packed};");
        if (K >= 2) w.Line("int k;");
        if (full > 1) w.Line("int b;");
        if (Rows > 1) w.Line("int m;");
        var rowLoop = Rows > 1 ? w.Block($"for (m = 0; m < {Rows}; m++)") : null;
        var m = Rows > 1 ? "m" : "0";
        w.Line($"const float *x = {ctx.In(0)}{(Rows > 1 ? TransposedX ? " + m" : $" + m * {K}" : "")};");
        w.Line($"float *y = {ctx.Out(0)}{(Rows > 1 ? $" + m * {N}" : "")};");
        if (bias != null) w.Line($"const float *bias = {bias}{(biasPerRow && Rows > 1 ? $" + m * {N}" : "")};");
        if (Rows > 1) w.Line($"w = {packed};");
        if (full > 0)
        {
            var loop = full > 1 ? w.Block($"for (b = 0; b < {full}; b++)") : null;
            using (full > 1 ? null : w.Scope()) WriteBlock(ctx, r, full > 1 ? $"b * {r}" : "0", m);
            loop?.Dispose();
        }
        if (tail > 0)
            using (w.Scope()) WriteBlock(ctx, tail, (full * r).ToString(), m);
        rowLoop?.Dispose();
    }

    private void WriteBlock(KernelContext ctx, int width, string first, string m)
    {
        var w = ctx.Code;
        var accs = Enumerable.Range(0, width).Select(j => $"a{j}").ToList();
        w.Line("float " + string.Join(", ", accs.Select((a, j) => Bias != null ? $"{a} = bias[{j}]" : $"{a} = 0.0f")) + ";");
        // Two k steps per iteration halve the loop overhead; each accumulator still adds in k order.
        string X(string k) => TransposedX ? $"x[({k}) * {Rows}]" : $"x[{k}]";
        if (K >= 2)
            using (w.Block($"for (k = 0; k + 1 < {K}; k += 2)"))
            {
                w.Line($"const float x0 = {X("k")}, x1 = {X("k + 1")};");
                for (int j = 0; j < width; j++) w.Line($"{accs[j]} += x0 * w[{j}];");
                for (int j = 0; j < width; j++) w.Line($"{accs[j]} += x1 * w[{width + j}];");
                w.Line($"w += {2 * width};");
            }
        if (K % 2 == 1)
            using (w.Scope())
            {
                w.Line($"const float xk = {X((K - 1).ToString())};");
                for (int j = 0; j < width; j++) w.Line($"{accs[j]} += xk * w[{j}];");
                w.Line($"w += {width};");
            }
        for (int j = 0; j < width; j++)
        {
            var a = accs[j];
            var n = first == "0" ? j.ToString() : $"{first} + {j}";
            if (RuntimeAddend != null) w.Line($"{a} += {RuntimeAddend(m, n)};");
            var posts = ctx.Node.Fused;
            for (int p = 0; p + 1 < posts.Count; p++) w.Line($"{a} = {PostOps.Apply(ctx, posts[p], a)};");
            w.Line($"y[{j}] = {(posts.Count > 0 ? PostOps.Apply(ctx, posts[^1], a) : a)};");
        }
        w.Line($"y += {width};");
        if (Bias != null) w.Line($"bias += {width};");
    }

    /// <summary>W laid out block by block: for each block of r outputs, for each k, the r weights of that row.</summary>
    private float[] Pack(int r)
    {
        var p = new float[K * N];
        int i = 0;
        for (int n0 = 0; n0 < N; n0 += r)
        {
            int width = Math.Min(r, N - n0);
            for (int k = 0; k < K; k++)
                for (int j = 0; j < width; j++) p[i++] = Weights[k * N + n0 + j];
        }
        return p;
    }
}
