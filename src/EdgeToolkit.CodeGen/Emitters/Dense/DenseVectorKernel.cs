using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// The host/AArch64 variant of the dense kernel (beside the portable DenseKernel, chosen by the
/// target profile; Cortex-M keeps the portable one). The portable kernel's scalar register tiles
/// are tuned for FPv4 and GCC does not vectorise them on x86. Here the outputs of a block are a
/// local accumulator array and the inner loop is a contiguous multiply-add over them:
///   for k: acc[0..w) += x[k] * W[k][0..w)
/// which GCC -O3 turns into broadcast, vector multiply, vector add with the accumulators held in
/// vector registers across k (GCC 12 -O2 vectorises it too, but keeps acc in memory). Weights
/// are re-laid out as [block][k][width], the width padded to whole vectors with zeros, the bias
/// likewise. Each output still sums bias + x0 w0 + x1 w1 + ... in k order with separate
/// multiplies and adds, exactly as the portable kernel does, so results stay bit-identical to it
/// under -ffp-contract=off. The run-time addend and the post-ops are applied in a separate loop
/// over the block's outputs, which vectorises too when the post-ops are branch-free after
/// inlining (Relu, Clip, ...; the tanh helper only with AVX-512 masks: DenseHostTests).
/// </summary>
internal sealed class DenseVectorKernel
{
    /// <summary>
    /// Widest block, in floats: 64 accumulators are 8 AVX2 ymm or 16 NEON q registers, leaving
    /// room for the broadcast x and the weight vectors (16 ymm on AVX2, 32 q on AArch64).
    /// </summary>
    public const int MaxBlock = 64;

    private readonly DenseKernel _p;

    public DenseVectorKernel(DenseKernel problem) => _p = problem;

    /// <summary>The profiles this variant is for; the Cortex-M targets keep the portable kernel.</summary>
    public static bool Suits(TargetProfile target) => target.Name is "host" or "aarch64";

    public void Write(KernelContext ctx)
    {
        var w = ctx.Code;
        var p = _p;
        var blk = DenseBlocking.For(p.N, MaxBlock);
        var packed = ctx.AddConstant(ctx.Node.Name + "_weights", Tensor.FromFloats(new[] { blk.PaddedN * p.K }, blk.PackWeights(p)));
        bool biasPerRow = p.Bias != null && p.Bias.Length != p.N;
        var bias = p.Bias == null ? null : ctx.AddConstant(ctx.Node.Name + "_bias_folded",
            Tensor.FromFloats(new[] { (biasPerRow ? p.Rows : 1) * blk.PaddedN }, blk.PackBias(p, biasPerRow)));

        int width = blk.Full > 0 ? blk.Width : blk.TailPadded;
        var tail = blk.Full > 0 && blk.Tail > 0 ? $" (the last {blk.TailPadded})" : "";
        w.Line($"/* [{p.Rows}x{p.K}] x [{p.K}x{p.N}], host/aarch64 variant: {width} outputs per block{tail} in an accumulator array kept in vector registers */");
        w.Line("/* weights [block][k][width] (outputs innermost, zero-padded to whole vectors); bias and post-ops applied on store */");
        w.Line($"const float *w = {packed};");
        w.Line("int k, j;");
        if (blk.Full > 1) w.Line("int b;");
        if (p.Rows > 1) w.Line("int m;");
        var rowLoop = p.Rows > 1 ? w.Block($"for (m = 0; m < {p.Rows}; m++)") : null;
        var m = p.Rows > 1 ? "m" : "0";
        w.Line($"const float *x = {ctx.In(0)}{(p.Rows > 1 ? p.TransposedX ? " + m" : $" + m * {p.K}" : "")};");
        w.Line($"float *y = {ctx.Out(0)}{(p.Rows > 1 ? $" + m * {p.N}" : "")};");
        if (bias != null) w.Line($"const float *bias = {bias}{(biasPerRow && p.Rows > 1 ? $" + m * {blk.PaddedN}" : "")};");
        if (p.Rows > 1) w.Line($"w = {packed};");
        if (blk.Full > 0)
        {
            var loop = blk.Full > 1 ? w.Block($"for (b = 0; b < {blk.Full}; b++)") : null;
            using (blk.Full > 1 ? null : w.Scope())
                WriteBlock(ctx, blk.Width, blk.Width, blk.Full > 1 ? $"b * {blk.Width}" : "0", m, advance: blk.Full > 1 || blk.Tail > 0);
            loop?.Dispose();
        }
        if (blk.Tail > 0)
            using (w.Scope()) WriteBlock(ctx, blk.Tail, blk.TailPadded, (blk.Full * blk.Width).ToString(), m, advance: false);
        rowLoop?.Dispose();
    }

    /// <summary>One block: accumulate over k into acc[padded], then store the valid outputs; advance moves y and bias on to the next block.</summary>
    private void WriteBlock(KernelContext ctx, int valid, int padded, string first, string m, bool advance)
    {
        var w = ctx.Code;
        var p = _p;
        w.Line($"float acc[{padded}];");
        w.Line($"for (j = 0; j < {padded}; j++) acc[j] = {(p.Bias != null ? "bias[j]" : "0.0f")};");
        using (w.Block($"for (k = 0; k < {p.K}; k++)"))
        {
            w.Line($"const float xk = {(p.TransposedX ? $"x[k * {p.Rows}]" : "x[k]")};");
            w.Line($"for (j = 0; j < {padded}; j++) acc[j] += xk * w[j];");
            w.Line($"w += {padded};");
        }
        // A separate loop over the outputs: the k loop above stays a pure multiply-add, and this
        // one vectorises on its own when the post-ops are branch-free.
        using (w.Block($"for (j = 0; j < {valid}; j++)"))
        {
            w.Line("float v = acc[j];");
            if (p.RuntimeAddend != null) w.Line($"v += {p.RuntimeAddend(m, first == "0" ? "j" : $"{first} + j")};");
            var posts = ctx.Node.Fused;
            for (int i = 0; i + 1 < posts.Count; i++) w.Line($"v = {PostOps.Apply(ctx, posts[i], "v")};");
            w.Line($"y[j] = {(posts.Count > 0 ? PostOps.Apply(ctx, posts[^1], "v") : "v")};");
        }
        if (!advance) return;
        w.Line($"y += {valid};");
        if (p.Bias != null) w.Line($"bias += {padded};");
    }
}
