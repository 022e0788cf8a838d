namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// The C scaffolding the Conv writers share: shape enums, the split of output positions into
/// interior tiles and padded borders, the fused-pool window loops, and the bounds of the taps
/// that fall inside the input. Each writer supplies its own tiles and per-position bodies.
/// </summary>
internal static class ConvLoops
{
    /// <summary>The header comment lines common to the float kernels: geometry, fused ops, pooled output.</summary>
    public static void WriteConvComment(KernelContext ctx, ConvGeometry g, FusedPool? pool, bool hasBias)
    {
        var w = ctx.Code;
        string Shape(params int[] d) => "[" + string.Join("x", d) + "]";
        int[] inShape = g.Is1D ? new[] { g.Batch, g.InChannels, g.InW } : new[] { g.Batch, g.InChannels, g.InH, g.InW };
        int[] convShape = g.Is1D ? new[] { g.Batch, g.OutChannels, g.OutW } : new[] { g.Batch, g.OutChannels, g.OutH, g.OutW };
        w.Line($"/* Conv '{CNames.Comment(ctx.Node.Name)}': x {Shape(inShape)} -> {Shape(convShape)}, kernel {g.KernelH}x{g.KernelW}, " +
               $"stride {g.StrideH}x{g.StrideW}, dilation {g.DilationH}x{g.DilationW}, pads top {g.PadTop} left {g.PadLeft}, group {g.Groups}" +
               (hasBias ? ", bias" : "") + " */");
        WriteFusedComments(ctx);
        if (pool != null)
            w.Line($"/* pooled output [{PooledH(g, pool)}x{PooledW(g, pool)}]: only conv outputs inside pooling windows are computed, none is stored */");
    }

    public static void WriteFusedComments(KernelContext ctx)
    {
        foreach (var f in ctx.Node.Fused) ctx.Code.Line($"/* fused {f.OpType} '{CNames.Comment(f.Name)}' */");
    }

    public static int PooledH(ConvGeometry g, FusedPool? pool) => pool?.OutSize(g.OutH, true) ?? g.OutH;
    public static int PooledW(ConvGeometry g, FusedPool? pool) => pool?.OutSize(g.OutW, false) ?? g.OutW;

    /// <summary>The BATCH .. OUT_W and K_H .. PAD_L enums; OUT_H and OUT_W are the pooled sizes when a pool is fused.</summary>
    public static void WriteShapeEnums(CWriter w, ConvGeometry g, FusedPool? pool = null)
    {
        w.Line($"enum {{ BATCH = {g.Batch}, IN_C = {g.InChannels}, IN_H = {g.InH}, IN_W = {g.InW}, OUT_C = {g.OutChannels}, OUT_H = {PooledH(g, pool)}, OUT_W = {PooledW(g, pool)} }};");
        w.Line($"enum {{ K_H = {g.KernelH}, K_W = {g.KernelW}, STRIDE_H = {g.StrideH}, STRIDE_W = {g.StrideW}, DIL_H = {g.DilationH}, DIL_W = {g.DilationW}, PAD_T = {g.PadTop}, PAD_L = {g.PadLeft} }};");
    }

    public static void WritePoolEnum(CWriter w, FusedPool? pool)
    {
        if (pool != null)
            w.Line($"enum {{ POOL_H = {pool.KernelH}, POOL_W = {pool.KernelW}, POOL_SH = {pool.StrideH}, POOL_SW = {pool.StrideW} }};");
    }

    /// <summary>The pool window's conv outputs as (dy, dx) from its top-left one, row by row.</summary>
    public static List<(int Dy, int Dx)> PoolWindow(FusedPool pool)
    {
        var window = new List<(int Dy, int Dx)>();
        for (int dy = 0; dy < pool.KernelH; dy++) for (int dx = 0; dx < pool.KernelW; dx++) window.Add((dy, dx));
        return window;
    }

    /// <summary>
    /// Without pooling, each row splits at generation time into left border, interior and right
    /// border columns: the interior runs in tiles of up to `positions` (fastTile), the borders (and
    /// rows that read padding) one position at a time with bounded taps (slowPlain(first, end)).
    /// </summary>
    public static void WritePlainLoops(CWriter w, ConvGeometry g, int positions,
        Action<IReadOnlyList<(int Dy, int Dx)>> fastTile, Action<string, string> slowPlain)
    {
        int p = positions, outH = g.OutH, outW = g.OutW;
        var (r0, r1) = g.InteriorRows;
        var (c0, c1) = g.InteriorCols;
        r0 = Math.Max(r0, 0); c0 = Math.Max(c0, 0);
        using var rows = w.Block("for (int oy = 0; oy < OUT_H; oy++)");
        if (r0 > r1 || c0 > c1) { slowPlain("0", "OUT_W"); return; }
        bool allRows = r0 == 0 && r1 == outH - 1;
        if (!allRows)
        {
            w.Line($"enum {{ ROW_FIRST = {r0}, ROW_LAST = {r1} }}; /* rows whose taps read no padding */");
            w.Line("if (oy >= ROW_FIRST && oy <= ROW_LAST) {");
            w.Indent();
        }
        w.Line($"enum {{ COL_FIRST = {c0}, COL_LAST = {c1} }}; /* columns whose taps read no padding */");
        if (c0 > 0) slowPlain("0", "COL_FIRST");
        int interior = c1 - c0 + 1, full = interior / p * p, tail = interior - full;
        if (full > 0)
            using (w.Block($"for (int ox = COL_FIRST; ox < COL_FIRST + {full}; ox += {p})"))
                fastTile(Enumerable.Range(0, p).Select(j => (0, j)).ToArray());
        if (tail > 0)
            using (w.Block("/* the interior's last positions */"))
            {
                w.Line($"const int ox = COL_FIRST + {full};");
                fastTile(Enumerable.Range(0, tail).Select(j => (0, j)).ToArray());
            }
        if (c1 < outW - 1) slowPlain("COL_LAST + 1", "OUT_W");
        if (!allRows)
        {
            w.Dedent();
            w.Line("} else {");
            w.Indent();
            slowPlain("0", "OUT_W");
            w.Dedent();
            w.Line("}");
        }
    }

    /// <summary>
    /// Runs fast() when the pooling window's conv outputs [oy, oy+POOL_H-1] x [ox, ox+POOL_W-1] read
    /// no padding, else slow(). The test is dropped when the answer is the same for every position.
    /// </summary>
    public static void WriteInteriorSplit(CWriter w, ConvGeometry g, FusedPool pool, Action fast, Action slow)
    {
        int spanY = pool.KernelH - 1, spanX = pool.KernelW - 1;
        var (r0, r1) = g.InteriorRows;
        var (c0, c1) = g.InteriorCols;
        int lastRow = (PooledH(g, pool) - 1) * pool.StrideH + spanY, lastCol = (PooledW(g, pool) - 1) * pool.StrideW + spanX;
        bool alwaysInside = r0 <= 0 && r1 >= lastRow && c0 <= 0 && c1 >= lastCol;
        bool neverInside = r0 > r1 || c0 > c1 || r1 - r0 < spanY || c1 - c0 < spanX;
        if (alwaysInside) { fast(); return; }
        if (neverInside) { slow(); return; }
        w.Line($"enum {{ ROW_FIRST = {r0}, ROW_LAST = {r1}, COL_FIRST = {c0}, COL_LAST = {c1} }}; /* conv outputs that read no padding */");
        w.Line($"if (oy >= ROW_FIRST && oy + {spanY} <= ROW_LAST && ox >= COL_FIRST && ox + {spanX} <= COL_LAST) {{");
        w.Indent();
        fast();
        w.Dedent();
        w.Line("} else {");
        w.Indent();
        slow();
        w.Dedent();
        w.Line("}");
    }

    /// <summary>A pool window that touches padding: body() once per conv output (cy, cx) of the window (dy, dx).</summary>
    public static void WriteSlowPooledWindow(CWriter w, Action body)
    {
        w.Line("/* the window touches padding: bounded taps, one conv output at a time */");
        using (w.Block("for (int dy = 0; dy < POOL_H; dy++)"))
        using (w.Block("for (int dx = 0; dx < POOL_W; dx++)"))
        {
            w.Line("const int cy = oy + dy, cx = ox + dx;");
            body();
        }
    }

    /// <summary>Row oy's positions cx in [first, end) that read padding: body() once per conv output (cy, cx).</summary>
    public static void WriteSlowPlain(CWriter w, string first, string end, Action body)
    {
        w.Line("/* positions that read padding: bounded taps, one at a time */");
        using (w.Block($"for (int cx = {first}; cx < {end}; cx++)"))
        {
            w.Line("const int cy = oy;");
            body();
        }
    }

    /// <summary>iy0, ix0 of conv output (cy, cx) and the taps inside the input: ky in [ky0, ky1), kx in [kx0, kx1).</summary>
    public static void WriteTapBounds(CWriter w)
    {
        w.Line("const int iy0 = cy * STRIDE_H - PAD_T, ix0 = cx * STRIDE_W - PAD_L;");
        w.Line("/* taps that fall inside the input: ky in [ky0, ky1), kx in [kx0, kx1) */");
        w.Line("const int ky0 = iy0 < 0 ? (-iy0 + DIL_H - 1) / DIL_H : 0, ky_end = (IN_H - iy0 + DIL_H - 1) / DIL_H;");
        w.Line("const int kx0 = ix0 < 0 ? (-ix0 + DIL_W - 1) / DIL_W : 0, kx_end = (IN_W - ix0 + DIL_W - 1) / DIL_W;");
        w.Line("const int ky1 = ky_end < K_H ? ky_end : K_H, kx1 = kx_end < K_W ? kx_end : K_W;");
    }

    /// <summary>
    /// Loops over the group's channels and the kernel window of one output (iy0, ix0 set),
    /// skipping taps in the padding; accumulate sees c, ky, kx, iy and ix.
    /// </summary>
    public static void WriteCheckedTaps(CWriter w, string accumulate)
    {
        using (w.Block("for (int c = 0; c < IN_C_G; c++)"))
        using (w.Block("for (int ky = 0; ky < K_H; ky++)"))
        {
            w.Line("const int iy = iy0 + ky * DIL_H;");
            w.Line("if (iy < 0 || iy >= IN_H) continue;");
            using (w.Block("for (int kx = 0; kx < K_W; kx++)"))
            {
                w.Line("const int ix = ix0 + kx * DIL_W;");
                w.Line("if (ix < 0 || ix >= IN_W) continue;");
                w.Line(accumulate);
            }
        }
    }

    /// <summary>Applies elementwise post-ops in order to a float variable, one statement each.</summary>
    public static void ApplyOps(KernelContext ctx, IReadOnlyList<Graph.Node> ops, string variable)
    {
        foreach (var op in ops) ctx.Code.Line($"{variable} = {PostOps.Apply(ctx, op, variable)};");
    }
}
