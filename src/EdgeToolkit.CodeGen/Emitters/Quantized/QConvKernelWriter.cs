using EdgeToolkit.CodeGen.Emitters.Conv;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// Writes the grouped (non-depthwise) QConv kernel. A tile is a pair of output positions, or with a
/// fused MaxPool the conv outputs of one pooling window (floor pooling's unread outputs are never
/// computed). Its im2col columns go to the scratch; then every block of two output channels runs
/// the 2 x 2 MAC step over the tile's column pairs, pools the int32 sums in registers
/// (requantisation is monotonic, so pooling first gives the same bytes) and requantises once per
/// stored value.
/// </summary>
internal sealed class QConvKernelWriter(KernelContext ctx, ConvGeometry g, FusedPool? pool, QConvPacking packing, ModelOutput output)
{
    private CWriter W => ctx.Code;
    private QConvIm2col Im2col => new(W, g, packing);

    /// <summary>Pixels of one tile: the pool window, or a pair of positions.</summary>
    public static int TilePixels(FusedPool? pool) => pool == null ? 2 : pool.KernelH * pool.KernelW;
    public static int TilePairs(FusedPool? pool) => (TilePixels(pool) + 1) / 2;

    public void Write(string blocks)
    {
        WriteHeader();
        W.Line($"const int8_t *x = {ctx.In(0)};");
        W.Line($"const int32_t *blocks = {blocks};");
        W.Line($"int8_t *y = {ctx.Out(0)};");
        W.Line("/* the tile's column pairs (PAIR_WORDS words each): written as int16 taps, read as words of two;");
        W.Line("   through a union, the type punning C99 and GCC define */");
        W.Line("typedef union { int16_t tap[2 * PAIRS * PAIR_WORDS]; int32_t word[PAIRS * PAIR_WORDS]; } tile_columns;");
        W.Line("tile_columns *cols = (tile_columns *)scratch;");
        Im2col.ZeroPaddingTaps(Enumerable.Range(0, 2 * TilePairs(pool)).Select(PixelTap));
        using (W.Block("for (int n = 0; n < BATCH; n++)"))
        using (W.Block("for (int grp = 0; grp < GROUPS; grp++)"))
        {
            W.Line("const int8_t *xg = x + (n * IN_C + grp * IN_C_G) * (IN_H * IN_W);");
            W.Line("const int32_t *bg = blocks + grp * (BLOCKS_G * WORDS_PER_BLOCK);");
            W.Line("int8_t *yg = y + (n * OUT_C + grp * OC_G) * (OUT_H * OUT_W);");
            if (pool == null) WritePlainTiles();
            else WritePooledTiles();
        }
    }

    private void WriteHeader()
    {
        ConvLoops.WriteConvComment(ctx, g, pool, hasBias: true);
        W.Line("/* int8 x int8 -> int32 sums (the bias holds the input zero point's share), requantised per output");
        W.Line("   channel as TFLite / CMSIS-NN do; padding reads the input zero point ZX */");
        W.Line($"/* blocks of two output channels: their biases, their requantisation rows ({output.RowComment}),");
        W.Line("   then the weights, 4 taps per word as bytes (t0, t2, t1, t3), the two channels interleaved: [quad][channel];");
        W.Line("   columns: int16 taps, per quad pixel 0 (t0 t1), pixel 1 (t0 t1), pixel 0 (t2 t3), pixel 1 (t2 t3) */");
        ConvLoops.WriteShapeEnums(W, g, pool);
        W.Line($"enum {{ GROUPS = {g.Groups}, IN_C_G = {g.InChannelsPerGroup}, OC_G = {g.OutChannelsPerGroup}, TAPS = {packing.Taps}, " +
               $"BLOCKS_G = {packing.BlocksPerGroup}, HEADER = {packing.HeaderWords(output.RowWidth)}, WORDS_PER_BLOCK = {packing.WordsPerBlock(output.RowWidth)}, PAIRS = {TilePairs(pool)}, PAIR_WORDS = {packing.PairWords} }};");
        ConvLoops.WritePoolEnum(W, pool);
        W.Line($"enum {{ ZX = {ctx.Node.GetInt("input_zero_point", 0)} }};");
    }

    /// <summary>First tap of tile pixel j in the columns.</summary>
    private int PixelTap(int j) => 2 * ((j >> 1) * packing.PairWords + (j & 1));

    private void WritePlainTiles()
    {
        W.Line("int cy = 0, cx = 0; /* the next position */");
        using (W.Block("for (int p = 0; p < OUT_H * OUT_W; p += 2)"))
        {
            W.Line("/* an odd last position pairs with itself */");
            W.Line("const int p1 = p + 1 < OUT_H * OUT_W ? p + 1 : p;");
            W.Line("const int cy0 = cy, cx0 = cx;");
            W.Line("if (p1 > p && ++cx == OUT_W) { cx = 0; cy++; }");
            Im2col.Pixel("cy0", "cx0", $"{PixelTap(0)}");
            Im2col.Pixel("cy", "cx", $"{PixelTap(1)}");
            W.Line("if (++cx == OUT_W) { cx = 0; cy++; }");
            using (W.Block("for (int b = 0; b < BLOCKS_G; b++)"))
            {
                WriteBlockStart();
                WritePair("0");
                W.Line(output.Store(ctx, "yg[oc0 * (OUT_H * OUT_W) + p]", "a00", Row0));
                W.Line(output.Store(ctx, "yg[oc0 * (OUT_H * OUT_W) + p1]", "a01", Row0));
                using (W.Block("if (oc1 != oc0)"))
                {
                    W.Line(output.Store(ctx, "yg[oc1 * (OUT_H * OUT_W) + p]", "a10", Row1));
                    W.Line(output.Store(ctx, "yg[oc1 * (OUT_H * OUT_W) + p1]", "a11", Row1));
                }
            }
        }
    }

    private void WritePooledTiles()
    {
        var window = ConvLoops.PoolWindow(pool!);
        int pairs = TilePairs(pool);
        using (W.Block("for (int py = 0; py < OUT_H; py++)"))
        using (W.Block("for (int px = 0; px < OUT_W; px++)"))
        {
            W.Line("const int oy = py * POOL_SH, ox = px * POOL_SW; /* the window's top-left conv output */");
            ConvLoops.WriteInteriorSplit(W, g, pool!,
                fast: () =>
                {
                    W.Line("/* no conv output of the window reads padding: straight copies */");
                    Im2col.InsideTile("xg + (oy * STRIDE_H - PAD_T) * IN_W + ox * STRIDE_W - PAD_L", Enumerable.Range(0, 2 * pairs).Select(j =>
                    {
                        var (dy, dx) = window[Math.Min(j, window.Count - 1)];
                        return (dy * g.StrideH * g.InW + dx * g.StrideW, PixelTap(j));
                    }).ToList());
                },
                slow: () =>
                {
                    W.Line("int dy = 0, dx = 0;");
                    using (W.Block("for (int j = 0; j < 2 * PAIRS; j++)"))
                    {
                        Im2col.Pixel("oy + dy", "ox + dx", "2 * ((j >> 1) * PAIR_WORDS + (j & 1))");
                        W.Line($"if (j + 1 < {window.Count} && ++dx == POOL_W) {{ dx = 0; dy++; }} /* an odd window's last pixel pairs with itself */");
                    }
                });
            using (W.Block("for (int b = 0; b < BLOCKS_G; b++)"))
            {
                WriteBlockStart();
                W.Line("int32_t m0, m1; /* the window's largest sums */");
                if (packing.Quads <= MaxQuadsForUnrolledPairs) WriteUnrolledPairs(pairs);
                else
                {
                    W.Line("m0 = m1 = INT32_MIN;");
                    using (W.Block("for (int pr = 0; pr < PAIRS; pr++)"))
                    {
                        WritePair("pr * PAIR_WORDS");
                        W.Line(RunningMax);
                    }
                }
                W.Line(output.Store(ctx, "yg[oc0 * (OUT_H * OUT_W) + py * OUT_W + px]", "m0", Row0));
                W.Line("if (oc1 != oc0) " + output.Store(ctx, "yg[oc1 * (OUT_H * OUT_W) + py * OUT_W + px]", "m1", Row1));
            }
        }
    }

    /// <summary>Short MAC steps are written once per column pair (no loop); long ones loop.</summary>
    private const int MaxQuadsForUnrolledPairs = 32;

    private const string RunningMax = "m0 = a00 > m0 ? a00 : m0; m0 = a01 > m0 ? a01 : m0; m1 = a10 > m1 ? a10 : m1; m1 = a11 > m1 ? a11 : m1;";

    private void WriteUnrolledPairs(int pairs)
    {
        for (int pr = 0; pr < pairs; pr++)
            using (W.Scope())
            {
                if (pr > 0)
                {
                    W.Line("#if defined(__ARM_FEATURE_DSP)");
                    W.Line("__asm__ volatile(\"\" ::: \"memory\"); /* one pair at a time: interleaved, GCC runs out of registers */");
                    W.Line("#endif");
                }
                WritePair($"{pr * packing.PairWords}");
                W.Line(pr == 0 ? "m0 = a00 > a01 ? a00 : a01; m1 = a10 > a11 ? a10 : a11;" : RunningMax);
            }
    }

    /// <summary>The requantisation rows of the block's two channels.</summary>
    private string Row0 => "blk + 2";
    private string Row1 => $"blk + {2 + output.RowWidth}";

    /// <summary>Channels oc0, oc1 of the block (within the group; an odd last one pairs with itself), its words and weights.</summary>
    private void WriteBlockStart()
    {
        W.Line("const int oc0 = 2 * b, oc1 = 2 * b + 1 < OC_G ? 2 * b + 1 : 2 * b;");
        W.Line("const int32_t *blk = bg + b * WORDS_PER_BLOCK, *wb = blk + HEADER;");
    }

    /// <summary>a00..a11: the bias plus the MAC step over column pair `pair`.</summary>
    private void WritePair(string firstWord)
    {
        W.Line($"const int cp = {firstWord}; /* the column pair's first word */");
        W.Line("int32_t a00 = blk[0], a01 = a00, a10 = blk[1], a11 = a10; /* the biases */");
        new QConvMacWriter(ctx, packing).Write();
    }
}
