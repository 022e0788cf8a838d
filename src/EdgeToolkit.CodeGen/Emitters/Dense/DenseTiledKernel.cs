using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>
/// The host/AArch64 dense kernel for many rows (a transformer's tokens, a batch): the column
/// block is the outer loop and HostTile.Rows rows share each weight vector loaded, so a block's
/// weights are read from cache once per row tile instead of the whole matrix once per row
/// (DenseVectorKernel's order, which for MiniLM's 2.4 MB feed-forward matrices streams 128 x
/// 2.4 MB from L3). Weights [block][k][width] as DenseVectorKernel lays them out, in blocks of
/// HostTile.Width; rows left over after the last whole tile go one at a time.
/// </summary>
internal sealed class DenseTiledKernel(DenseKernel p)
{
    public static bool Suits(TargetProfile target, int rows) => DenseVectorKernel.Suits(target) && rows >= HostTile.Rows;

    public void Write(KernelContext ctx)
    {
        var w = ctx.Code;
        var blk = DenseBlocking.For(p.N, HostTile.Width);
        var packed = ctx.AddConstant(ctx.Node.Name + "_weights", Tensor.FromFloats(new[] { blk.PaddedN * p.K }, blk.PackWeights(p)));
        bool biasPerRow = p.Bias != null && p.Bias.Length != p.N;
        var bias = p.Bias == null ? null : ctx.AddConstant(ctx.Node.Name + "_bias_folded",
            Tensor.FromFloats(new[] { (biasPerRow ? p.Rows : 1) * blk.PaddedN }, blk.PackBias(p, biasPerRow)));

        w.Line($"/* [{p.Rows}x{p.K}] x [{p.K}x{p.N}], host/aarch64 variant, row-tiled: {HostTile.Rows} rows x {(blk.Full > 0 ? blk.Width : blk.TailPadded)} outputs per tile, one accumulator array per row */");
        w.Line("/* weights [block][k][width] (outputs innermost, zero-padded to whole vectors), each block reused by every row tile; bias and post-ops applied on store */");
        w.Line("const float *w;");
        w.Line("int k, j, m;");
        if (blk.Full > 1) w.Line("int b;");
        if (blk.Full > 0)
        {
            var loop = blk.Full > 1 ? w.Block($"for (b = 0; b < {blk.Full}; b++)") : w.Scope();
            WriteBlock(ctx, packed, bias, biasPerRow, blk, blk.Width, blk.Width, blk.Full > 1 ? $"b * {blk.Width}" : "0");
            loop.Dispose();
        }
        if (blk.Tail > 0)
            using (w.Scope()) WriteBlock(ctx, packed, bias, biasPerRow, blk, blk.Tail, blk.TailPadded, (blk.Full * blk.Width).ToString());
    }

    /// <summary>One column block (outputs first .. first + valid) for every row: whole row tiles, then the rows left over.</summary>
    private void WriteBlock(KernelContext ctx, string packed, string? bias, bool biasPerRow, DenseBlocking blk, int valid, int padded, string first)
    {
        var w = ctx.Code;
        w.Line($"const float *wb = {packed}{(first == "0" ? "" : $" + ({first}) * {p.K}")};");
        int tiles = p.Rows / HostTile.Rows, rest = p.Rows % HostTile.Rows;
        using (w.Block($"for (m = 0; m < {tiles * HostTile.Rows}; m += {HostTile.Rows})"))
            WriteTile(ctx, HostTile.Rows, bias, biasPerRow, blk, valid, padded, first);
        if (rest > 0)
            using (w.Block($"for (; m < {p.Rows}; m++)"))
                WriteTile(ctx, 1, bias, biasPerRow, blk, valid, padded, first);
    }

    private void WriteTile(KernelContext ctx, int rows, string? bias, bool biasPerRow, DenseBlocking blk, int valid, int padded, string first)
    {
        var w = ctx.Code;
        w.Line($"const float *x = {ctx.In(0)} + {(p.TransposedX ? "m" : $"m * {p.K}")};");
        w.Line($"float *y = {ctx.Out(0)} + m * {p.N}{(first == "0" ? "" : $" + {first}")};");
        if (bias != null) w.Line($"const float *bias = {bias}{(biasPerRow ? $" + m * {blk.PaddedN}" : "")}{(first == "0" ? "" : $" + {first}")};");
        w.Line("w = wb;");
        string Initial(int r) => bias == null ? "0.0f" : biasPerRow && r > 0 ? $"bias[{r * blk.PaddedN} + j]" : "bias[j]";
        string X(int r) => p.TransposedX ? $"x[k * {p.Rows}{(r > 0 ? $" + {r}" : "")}]" : r > 0 ? $"x[{r * p.K} + k]" : "x[k]";
        HostTile.Accumulate(w, rows, padded, p.K, Initial, X, $"w += {padded};");
        for (int r = 0; r < rows; r++)
        {
            var row = r > 0 ? $"m + {r}" : "m";
            Func<string, string>? addend = p.RuntimeAddend == null ? null : j => p.RuntimeAddend(row, first == "0" ? j : $"{first} + {j}");
            HostTile.Store(ctx, r, valid, r > 0 ? (r * p.N).ToString() : "0", addend);
        }
    }
}
