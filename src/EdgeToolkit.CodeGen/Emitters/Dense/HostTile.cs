namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// The inner tile of the host/AArch64 row-tiled kernels (DenseTiledKernel, BatchedMatMulKernel):
/// up to Rows rows of X times one block of Width columns of W, in one accumulator array per row:
///   for k: a_r[0..w) += x_r[k] * W[k][0..w)   for every row r of the tile
/// so each weight vector loaded is used Rows times. Each output still starts at its bias (or 0)
/// and adds x[k] * w[k] in k order with separate multiplies and adds, as the portable kernels do.
/// The loops declared by the caller: int k, j.
/// </summary>
internal static class HostTile
{
    /// <summary>
    /// Rows per tile and widest block: 4 x 16 accumulators are 4 zmm (AVX-512), 8 ymm (AVX2) or 16
    /// NEON q registers, with room left for the weight vectors and the broadcast x values. Measured
    /// with GCC 12 -O3 on a 128x384x1536 product: 45-49 GMAC/s with AVX-512 or AVX2, against 23-26
    /// for one row at a time (DenseVectorKernel), which reloads every weight for every row.
    /// </summary>
    public const int Rows = 4;
    public const int Width = 16;

    /// <summary>
    /// Declares a0..a{rows-1}[padded], starts them at initial(r) (a C expression that may use j)
    /// and accumulates over k; x(r) is row r's value at k, weightStep moves w to the next k.
    /// </summary>
    public static void Accumulate(CWriter w, int rows, int padded, int k, Func<int, string> initial, Func<int, string> x, string weightStep)
    {
        var rs = Enumerable.Range(0, rows).ToList();
        w.Line("float " + string.Join(", ", rs.Select(r => $"a{r}[{padded}]")) + ";");
        w.Line($"for (j = 0; j < {padded}; j++) {{ {string.Join(" ", rs.Select(r => $"a{r}[j] = {initial(r)};"))} }}");
        using (w.Block($"for (k = 0; k < {k}; k++)"))
        {
            w.Line("const float " + string.Join(", ", rs.Select(r => $"v{r} = {x(r)}")) + ";");
            // Without it GCC 12 unrolls this short loop completely and then vectorises the k loop
            // as an in-order reduction (lane extracts and scalar adds): 20x slower.
            w.Line("#pragma GCC unroll 1");
            w.Line($"for (j = 0; j < {padded}; j++) {{ {string.Join(" ", rs.Select(r => $"a{r}[j] += v{r} * w[j];"))} }}");
            w.Line(weightStep);
        }
    }

    /// <summary>
    /// Stores row r's first valid outputs at y + yOffset: the run-time addend (addend(j-expression),
    /// or null) and the fused post-ops applied as each output is stored.
    /// </summary>
    public static void Store(KernelContext ctx, int r, int valid, string yOffset, Func<string, string>? addend)
    {
        var w = ctx.Code;
        using (w.Block($"for (j = 0; j < {valid}; j++)"))
        {
            w.Line($"float s = a{r}[j];");
            if (addend != null) w.Line($"s += {addend("j")};");
            var posts = ctx.Node.Fused;
            for (int i = 0; i + 1 < posts.Count; i++) w.Line($"s = {PostOps.Apply(ctx, posts[i], "s")};");
            w.Line($"y[{(yOffset == "0" ? "" : yOffset + " + ")}j] = {(posts.Count > 0 ? PostOps.Apply(ctx, posts[^1], "s") : "s")};");
        }
    }
}
