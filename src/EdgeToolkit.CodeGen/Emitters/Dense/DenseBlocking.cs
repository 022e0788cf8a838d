namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// How the host/AArch64 dense kernels cut the N outputs into column blocks, and the weights and
/// bias re-laid out to match: full blocks of Width outputs (a multiple of Lanes, at most the
/// kernel's widest block, balanced so the last block is not tiny), then a tail of Tail outputs
/// (0 for none) padded to TailPadded with zeros.
/// </summary>
internal sealed record DenseBlocking(int Width, int Full, int Tail, int TailPadded)
{
    /// <summary>Block widths are multiples of 8 floats: one AVX2 vector, two NEON vectors.</summary>
    public const int Lanes = 8;

    public int PaddedN => Full * Width + TailPadded;

    public static DenseBlocking For(int n, int maxBlock)
    {
        int blocks = Math.Max(1, (n + maxBlock - 1) / maxBlock);
        int width = Math.Max(Lanes, RoundUp((n + blocks - 1) / blocks, Lanes));
        int full = n / width, tail = n % width;
        return new DenseBlocking(width, full, tail, Pad(tail));
    }

    /// <summary>
    /// A narrow tail keeps a short vector: 1 or 2 outputs stay scalar, 3-4 take one 4-float
    /// vector (SSE, NEON), wider ones whole 8-float vectors.
    /// </summary>
    private static int Pad(int n) => n <= 2 ? n : n <= 4 ? 4 : RoundUp(n, Lanes);

    private static int RoundUp(int v, int m) => (v + m - 1) / m * m;

    /// <summary>(first output, outputs, padded width) of each block in order.</summary>
    public IEnumerable<(int First, int Valid, int Padded)> Blocks()
    {
        for (int b = 0; b < Full; b++) yield return (b * Width, Width, Width);
        if (Tail > 0) yield return (Full * Width, Tail, TailPadded);
    }

    /// <summary>W as [block][k][padded width], zeros past each block's valid outputs.</summary>
    public float[] PackWeights(DenseKernel p)
    {
        var r = new float[PaddedN * p.K];
        int i = 0;
        foreach (var (first, valid, padded) in Blocks())
            for (int k = 0; k < p.K; k++, i += padded)
                for (int j = 0; j < valid; j++) r[i + j] = p.Weights[k * p.N + first + j];
        return r;
    }

    /// <summary>The bias ([N] or [Rows, N]) with each row padded like the weights' columns.</summary>
    public float[] PackBias(DenseKernel p, bool perRow)
    {
        var src = p.Bias!;
        int rows = perRow ? p.Rows : 1;
        var r = new float[rows * PaddedN];
        for (int row = 0; row < rows; row++)
        {
            int i = row * PaddedN;
            foreach (var (first, valid, padded) in Blocks())
            {
                for (int j = 0; j < valid; j++) r[i + j] = src[row * p.N + first + j];
                i += padded;
            }
        }
        return r;
    }
}
