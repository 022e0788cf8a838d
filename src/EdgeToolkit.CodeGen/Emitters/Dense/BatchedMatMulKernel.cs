namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// The host/AArch64 body of a MatMul whose B is a run-time value (attention's Q K^T and
/// softmax x V), for one [M, K] x [K, N] matrix of the batch: HostTile's row tiles over column
/// blocks of B read in place (row stride N, no packing). The portable body's one scalar sum per
/// output is a chain of dependent adds that GCC cannot vectorise without reordering it; here
/// the sums are the same, in the same order, and the columns go into vector lanes.
/// Pointers a, b, y are the caller's (MatMulEmitter), at the batch's matrices.
/// </summary>
internal static class BatchedMatMulKernel
{
    public static bool Suits(TargetProfile target) => DenseVectorKernel.Suits(target);

    /// <summary>The loop variables the body uses (n only when there is a whole column block).</summary>
    public static IEnumerable<string> Locals(int n) => n >= HostTile.Width ? new[] { "m", "n", "k", "j" } : new[] { "m", "k", "j" };

    public static void WriteBody(KernelContext ctx, int m, int k, int n)
    {
        var w = ctx.Code;
        int tiles = m / HostTile.Rows, rest = m % HostTile.Rows;
        if (tiles > 0)
            using (w.Block($"for (m = 0; m < {tiles * HostTile.Rows}; m += {HostTile.Rows})"))
                WriteRows(ctx, HostTile.Rows, k, n);
        if (rest > 0)
            using (w.Block($"for ({(tiles > 0 ? "" : "m = 0")}; m < {m}; m++)"))
                WriteRows(ctx, 1, k, n);
    }

    /// <summary>rows rows from m on: whole column blocks, then the columns left over.</summary>
    private static void WriteRows(KernelContext ctx, int rows, int k, int n)
    {
        var w = ctx.Code;
        int width = HostTile.Width, full = n / width, tail = n % width;
        if (full > 0)
            using (w.Block($"for (n = 0; n < {full * width}; n += {width})"))
                WriteTile(ctx, rows, k, n, width, "n");
        if (tail > 0)
            using (w.Scope()) WriteTile(ctx, rows, k, n, tail, (full * width).ToString());
    }

    private static void WriteTile(KernelContext ctx, int rows, int k, int n, int valid, string first)
    {
        var w = ctx.Code;
        w.Line($"const float *x = a + m * {k};");
        w.Line($"const float *w = b{(first == "0" ? "" : $" + {first}")};");
        HostTile.Accumulate(w, rows, valid, k, _ => "0.0f", r => r > 0 ? $"x[{r * k} + k]" : "x[k]", $"w += {n};");
        for (int r = 0; r < rows; r++)
            HostTile.Store(ctx, r, valid, $"(m{(r > 0 ? $" + {r}" : "")}) * {n}{(first == "0" ? "" : $" + {first}")}", null);
    }
}
