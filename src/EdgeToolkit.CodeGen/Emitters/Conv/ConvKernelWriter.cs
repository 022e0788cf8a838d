namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// Writes the loop nest of one float Conv with its fused tail. Shapes are enum constants; the
/// inner loop keeps ChannelsPerBlock x pixels accumulators in registers and walks the re-laid-out
/// weights with one pointer. Positions whose receptive field touches the padding take a bounded
/// per-position path, so the fast path has no per-tap branch. With a fused MaxPool only the
/// conv outputs inside pooling windows are computed and only pooled values are written.
/// </summary>
internal sealed class ConvKernelWriter
{
    private readonly KernelContext _ctx;
    private readonly ConvGeometry _g;
    private readonly ConvBlocking _b;
    private readonly FusedTail _tail;
    private readonly bool _hasBias;
    private readonly CWriter _w;

    public ConvKernelWriter(KernelContext ctx, ConvGeometry g, ConvBlocking b, FusedTail tail, bool hasBias)
    {
        _ctx = ctx; _g = g; _b = b; _tail = tail; _hasBias = hasBias; _w = ctx.Code;
    }

    private int Ocb => _b.ChannelsPerBlock;
    private FusedPool? Pool => _tail.Pool;
    private int OutH => Pool?.OutSize(_g.OutH, true) ?? _g.OutH;
    private int OutW => Pool?.OutSize(_g.OutW, false) ?? _g.OutW;
    /// <summary>Pooling on raw sums, then bias and activation once per pooled value.</summary>
    private bool PoolFirst => Pool != null && _tail.CanPoolBeforeActivation;

    public void Write(string weightsSymbol, string? biasSymbol)
    {
        WriteHeader();
        _w.Line($"const float *x = {_ctx.In(0)};");
        _w.Line($"const float *wts = {weightsSymbol};");
        if (biasSymbol != null) _w.Line($"const float *bias = {biasSymbol};");
        _w.Line($"float *y = {_ctx.Out(0)};");
        using (_w.Block("for (int n = 0; n < BATCH; n++)"))
        using (_w.Block("for (int blk = 0; blk < BLOCKS; blk++)"))
        {
            _w.Line("/* each block of OCB output channels reads one group's input channels */");
            _w.Line("const float *xg = x + (n * IN_C + (blk / BLOCKS_PER_GROUP) * IN_C_G) * (IN_H * IN_W);");
            _w.Line("const float *wb = wts + blk * (TAPS * OCB);");
            _w.Line("float *yb = y + (n * OUT_C + blk * OCB) * (OUT_H * OUT_W);");
            if (_hasBias)
                _w.Line("const float " + string.Join(", ", Channels().Select(c => $"b{c} = bias[blk * OCB + {c}]")) + ";");
            if (Pool != null) WritePooledLoops();
            else WritePlainLoops();
        }
    }

    private IEnumerable<int> Channels() => Enumerable.Range(0, Ocb);

    private void WriteHeader()
    {
        var g = _g;
        string Shape(params int[] d) => "[" + string.Join("x", d) + "]";
        int[] inShape = g.Is1D ? new[] { g.Batch, g.InChannels, g.InW } : new[] { g.Batch, g.InChannels, g.InH, g.InW };
        int[] convShape = g.Is1D ? new[] { g.Batch, g.OutChannels, g.OutW } : new[] { g.Batch, g.OutChannels, g.OutH, g.OutW };
        _w.Line($"/* Conv '{CNames.Comment(_ctx.Node.Name)}': x {Shape(inShape)} -> {Shape(convShape)}, kernel {g.KernelH}x{g.KernelW}, " +
                 $"stride {g.StrideH}x{g.StrideW}, dilation {g.DilationH}x{g.DilationW}, pads top {g.PadTop} left {g.PadLeft}, group {g.Groups}" +
                 (_hasBias ? ", bias" : "") + " */");
        foreach (var f in _ctx.Node.Fused) _w.Line($"/* fused {f.OpType} '{CNames.Comment(f.Name)}' */");
        if (Pool != null)
            _w.Line($"/* pooled output [{OutH}x{OutW}]: only conv outputs inside pooling windows are computed, none is stored */");
        _w.Line($"/* register blocking: {Ocb} output channels x up to {_b.PixelsPerBlock} positions; weights laid out [block][c][ky][kx][{Ocb}] */");
        _w.Line($"enum {{ BATCH = {g.Batch}, IN_C = {g.InChannels}, IN_H = {g.InH}, IN_W = {g.InW}, OUT_C = {g.OutChannels}, OUT_H = {OutH}, OUT_W = {OutW} }};");
        _w.Line($"enum {{ K_H = {g.KernelH}, K_W = {g.KernelW}, STRIDE_H = {g.StrideH}, STRIDE_W = {g.StrideW}, DIL_H = {g.DilationH}, DIL_W = {g.DilationW}, PAD_T = {g.PadTop}, PAD_L = {g.PadLeft} }};");
        _w.Line($"enum {{ IN_C_G = {g.InChannelsPerGroup}, OCB = {Ocb}, BLOCKS = {g.OutChannels / Ocb}, BLOCKS_PER_GROUP = {g.OutChannelsPerGroup / Ocb}, TAPS = {g.TapsPerOutput} }};");
        if (Pool != null)
            _w.Line($"enum {{ POOL_H = {Pool.KernelH}, POOL_W = {Pool.KernelW}, POOL_SH = {Pool.StrideH}, POOL_SW = {Pool.StrideW} }};");
    }

    // ---- loops over output positions ----

    private void WritePooledLoops()
    {
        var pool = Pool!;
        var window = new List<(int Dy, int Dx)>();
        for (int dy = 0; dy < pool.KernelH; dy++) for (int dx = 0; dx < pool.KernelW; dx++) window.Add((dy, dx));
        using (_w.Block("for (int py = 0; py < OUT_H; py++)"))
        using (_w.Block("for (int px = 0; px < OUT_W; px++)"))
        {
            _w.Line("const int oy = py * POOL_SH, ox = px * POOL_SW; /* top-left conv output of the window */");
            _w.Line("float " + string.Join(", ", Channels().Select(c => $"m{c} = -3.40282347e+38f")) + "; /* running maxima */");
            WriteInteriorSplit(pool.KernelH - 1, pool.KernelW - 1,
                fast: () =>
                {
                    var chunks = window.Chunk(_b.PixelsPerBlock).ToList();
                    for (int k = 0; k < chunks.Count; k++) WriteFastTile(chunks[k], k == 0 ? TileResult.PoolInit : TileResult.PoolMax);
                    if (PoolFirst)
                        foreach (var c in Channels())
                        {
                            if (_hasBias) _w.Line($"m{c} += b{c};");
                            ApplyOps(_tail.BeforePool, $"m{c}");
                        }
                },
                slow: WriteSlowPooledWindow);
            foreach (var c in Channels())
            {
                ApplyOps(_tail.AfterPool, $"m{c}");
                _w.Line($"yb[{c} * (OUT_H * OUT_W) + py * OUT_W + px] = m{c};");
            }
        }
    }

    /// <summary>
    /// Without pooling, each row splits at generation time into left border, interior and right
    /// border columns: the interior runs in register tiles, the borders (and rows that read
    /// padding) one position at a time with bounded taps.
    /// </summary>
    private void WritePlainLoops()
    {
        int p = _b.PixelsPerBlock, outH = _g.OutH, outW = _g.OutW;
        var (r0, r1) = _g.InteriorRows;
        var (c0, c1) = _g.InteriorCols;
        r0 = Math.Max(r0, 0); c0 = Math.Max(c0, 0);
        using var rows = _w.Block("for (int oy = 0; oy < OUT_H; oy++)");
        if (r0 > r1 || c0 > c1) { WriteSlowPlain("0", "OUT_W"); return; }
        bool allRows = r0 == 0 && r1 == outH - 1;
        if (!allRows)
        {
            _w.Line($"enum {{ ROW_FIRST = {r0}, ROW_LAST = {r1} }}; /* rows whose taps read no padding */");
            _w.Line("if (oy >= ROW_FIRST && oy <= ROW_LAST) {");
            _w.Indent();
        }
        _w.Line($"enum {{ COL_FIRST = {c0}, COL_LAST = {c1} }}; /* columns whose taps read no padding */");
        if (c0 > 0) WriteSlowPlain("0", "COL_FIRST");
        int interior = c1 - c0 + 1, full = interior / p * p, tail = interior - full;
        if (full > 0)
            using (_w.Block($"for (int ox = COL_FIRST; ox < COL_FIRST + {full}; ox += {p})"))
                WriteFastTile(Enumerable.Range(0, p).Select(j => (0, j)).ToArray(), TileResult.Store);
        if (tail > 0)
            using (_w.Block("/* the interior's last positions */"))
            {
                _w.Line($"const int ox = COL_FIRST + {full};");
                WriteFastTile(Enumerable.Range(0, tail).Select(j => (0, j)).ToArray(), TileResult.Store);
            }
        if (c1 < outW - 1) WriteSlowPlain("COL_LAST + 1", "OUT_W");
        if (!allRows)
        {
            _w.Dedent();
            _w.Line("} else {");
            _w.Indent();
            WriteSlowPlain("0", "OUT_W");
            _w.Dedent();
            _w.Line("}");
        }
    }

    /// <summary>
    /// Runs fast() when the pooling window's conv outputs [oy, oy+spanY] x [ox, ox+spanX] read no padding, else slow().
    /// The test is dropped when the answer is the same for every position.
    /// </summary>
    private void WriteInteriorSplit(int spanY, int spanX, Action fast, Action slow)
    {
        var (r0, r1) = _g.InteriorRows;
        var (c0, c1) = _g.InteriorCols;
        var pool = Pool!;
        int lastRow = (OutH - 1) * pool.StrideH + spanY, lastCol = (OutW - 1) * pool.StrideW + spanX;
        bool alwaysInside = r0 <= 0 && r1 >= lastRow && c0 <= 0 && c1 >= lastCol;
        bool neverInside = r0 > r1 || c0 > c1 || r1 - r0 < spanY || c1 - c0 < spanX;
        if (alwaysInside) { fast(); return; }
        if (neverInside) { slow(); return; }
        _w.Line($"enum {{ ROW_FIRST = {r0}, ROW_LAST = {r1}, COL_FIRST = {c0}, COL_LAST = {c1} }}; /* conv outputs that read no padding */");
        _w.Line($"if (oy >= ROW_FIRST && oy + {spanY} <= ROW_LAST && ox >= COL_FIRST && ox + {spanX} <= COL_LAST) {{");
        _w.Indent();
        fast();
        _w.Dedent();
        _w.Line("} else {");
        _w.Indent();
        slow();
        _w.Dedent();
        _w.Line("}");
    }

    private enum TileResult { Store, PoolInit, PoolMax }

    /// <summary>The register-blocked tile: every listed position (dy, dx from (oy, ox)) reads no padding.</summary>
    private void WriteFastTile(IReadOnlyList<(int Dy, int Dx)> tile, TileResult result)
    {
        var g = _g;
        var pix = Enumerable.Range(0, tile.Count).ToArray();
        using var scope = _w.Block($"/* {tile.Count} positions x OCB channels */");
        _w.Line("const float *xb = xg + (oy * STRIDE_H - PAD_T) * IN_W + (ox * STRIDE_W - PAD_L);");
        bool initBias = _hasBias && !PoolFirst;
        int[] pixelOffsets = tile.Select(t => t.Dy * g.StrideH * g.InW + t.Dx * g.StrideW).ToArray();
        if (g.KernelH * g.KernelW <= MaxUnrolledTaps && g.InChannelsPerGroup == 1) WriteSingleChannelTaps(pix, pixelOffsets, initBias);
        else WriteChannelLoopTaps(pix, pixelOffsets, initBias);
        if (result == TileResult.Store)
        {
            foreach (var c in Channels())
                foreach (var p in pix)
                {
                    ApplyOps(_tail.BeforePool, $"a{c}_{p}");
                    _w.Line($"yb[{c} * (OUT_H * OUT_W) + oy * OUT_W + ox + {tile[p].Dx}] = a{c}_{p};");
                }
            return;
        }
        foreach (var c in Channels())
            foreach (var p in pix)
            {
                if (!PoolFirst) ApplyOps(_tail.BeforePool, $"a{c}_{p}");
                if (result == TileResult.PoolInit && p == 0) _w.Line($"m{c} = a{c}_0;");
                else _w.Line($"if (a{c}_{p} > m{c}) m{c} = a{c}_{p};");
            }
    }

    /// <summary>One input channel and a small window: straight-line taps, the first one initialises the accumulators.</summary>
    private void WriteSingleChannelTaps(int[] pix, int[] pixelOffsets, bool initBias)
    {
        var g = _g;
        _w.Line("float " + string.Join(", ", Channels().SelectMany(c => pix.Select(p => $"a{c}_{p}"))) + ";");
        _w.Line("const float *xc = xb, *wp = wb;");
        for (int ky = 0; ky < g.KernelH; ky++)
            for (int kx = 0; kx < g.KernelW; kx++)
                WriteTap(pixelOffsets.Select(o => $"xc[{ky * g.DilationH * g.InW + kx * g.DilationW + o}]").ToArray(), (ky * g.KernelW + kx) * Ocb,
                    first: ky == 0 && kx == 0 ? (initBias ? c => $"b{c} + " : _ => "") : null);
    }

    /// <summary>
    /// Loop over the group's input channels; the window is unrolled when small (constant offsets:
    /// one instruction per load, no loop counters), else its rows or taps loop.
    /// </summary>
    private void WriteChannelLoopTaps(int[] pix, int[] pixelOffsets, bool initBias)
    {
        var g = _g;
        _w.Line("float " + string.Join(", ", Channels().SelectMany(c => pix.Select(p => $"a{c}_{p} = {(initBias ? $"b{c}" : "0.0f")}"))) + ";");
        _w.Line("const float *wp = wb;");
        using var channels = _w.Block("for (int c = 0; c < IN_C_G; c++)");
        _w.Line("const float *xc = xb + c * (IN_H * IN_W);");
        if (g.KernelH * g.KernelW <= MaxUnrolledTaps)
        {
            for (int ky = 0; ky < g.KernelH; ky++)
                for (int kx = 0; kx < g.KernelW; kx++)
                    WriteTap(pixelOffsets.Select(o => $"xc[{ky * g.DilationH * g.InW + kx * g.DilationW + o}]").ToArray(), (ky * g.KernelW + kx) * Ocb);
            _w.Line("wp += K_H * K_W * OCB;");
            return;
        }
        using var rows = _w.Block("for (int ky = 0; ky < K_H; ky++)");
        _w.Line("const float *xr = xc + ky * (DIL_H * IN_W);");
        if (g.KernelW <= MaxUnrolledTaps)
        {
            for (int kx = 0; kx < g.KernelW; kx++)
                WriteTap(pixelOffsets.Select(o => $"xr[{kx * g.DilationW + o}]").ToArray(), kx * Ocb);
            _w.Line("wp += K_W * OCB;");
            return;
        }
        using var taps = _w.Block("for (int kx = 0; kx < K_W; kx++)");
        WriteTap(pixelOffsets.Select(o => $"xr[{o}]").ToArray(), 0);
        _w.Line("xr += DIL_W;");
        _w.Line("wp += OCB;");
    }

    /// <summary>Kernel windows up to this many taps are unrolled in the generated C.</summary>
    private const int MaxUnrolledTaps = 16;

    /// <summary>One kernel tap: OCB weights (wp[weightOffset..]) times one input per position, into the accumulators.</summary>
    private void WriteTap(string[] inputs, int weightOffset, Func<int, string>? first = null)
    {
        _w.Line("{");
        _w.Indent();
        _w.Line("const float " + string.Join(", ", inputs.Select((e, p) => $"x{p} = {e}")) + ";");
        _w.Line("const float " + string.Join(", ", Channels().Select(c => $"w{c} = wp[{weightOffset + c}]")) + ";");
        foreach (var c in Channels())
            _w.Line(string.Join(" ", inputs.Select((_, p) => first == null ? $"a{c}_{p} += w{c} * x{p};" : $"a{c}_{p} = {first(c)}w{c} * x{p};")));
        _w.Dedent();
        _w.Line("}");
    }

    /// <summary>Bounded taps for one conv output at (cy, cx): sums into s[], bias included.</summary>
    private void WriteBoundedSums()
    {
        _w.Line("const int iy0 = cy * STRIDE_H - PAD_T, ix0 = cx * STRIDE_W - PAD_L;");
        _w.Line("/* taps that fall inside the input: ky in [ky0, ky1), kx in [kx0, kx1) */");
        _w.Line("const int ky0 = iy0 < 0 ? (-iy0 + DIL_H - 1) / DIL_H : 0, ky_end = (IN_H - iy0 + DIL_H - 1) / DIL_H;");
        _w.Line("const int kx0 = ix0 < 0 ? (-ix0 + DIL_W - 1) / DIL_W : 0, kx_end = (IN_W - ix0 + DIL_W - 1) / DIL_W;");
        _w.Line("const int ky1 = ky_end < K_H ? ky_end : K_H, kx1 = kx_end < K_W ? kx_end : K_W;");
        _w.Line("float s[OCB] = { " + string.Join(", ", Channels().Select(c => _hasBias ? $"b{c}" : "0.0f")) + " };");
        using (_w.Block("for (int c = 0; c < IN_C_G; c++)"))
        using (_w.Block("for (int ky = ky0; ky < ky1; ky++)"))
        using (_w.Block("for (int kx = kx0; kx < kx1; kx++)"))
        {
            _w.Line("const float xv = xg[c * (IN_H * IN_W) + (iy0 + ky * DIL_H) * IN_W + ix0 + kx * DIL_W];");
            _w.Line("const float *w = wb + ((c * K_H + ky) * K_W + kx) * OCB;");
            _w.Line("for (int k = 0; k < OCB; k++) s[k] += w[k] * xv;");
        }
    }

    private void WriteSlowPooledWindow()
    {
        _w.Line("/* the window touches padding: bounded taps, one conv output at a time */");
        using (_w.Block("for (int dy = 0; dy < POOL_H; dy++)"))
        using (_w.Block("for (int dx = 0; dx < POOL_W; dx++)"))
        {
            _w.Line("const int cy = oy + dy, cx = ox + dx;");
            WriteBoundedSums();
            foreach (var c in Channels())
            {
                _w.Line($"float v{c} = s[{c}];");
                ApplyOps(_tail.BeforePool, $"v{c}");
                _w.Line($"if (v{c} > m{c}) m{c} = v{c};");
            }
        }
    }

    private void WriteSlowPlain(string first, string end)
    {
        _w.Line("/* positions that read padding: bounded taps, one at a time */");
        using (_w.Block($"for (int cx = {first}; cx < {end}; cx++)"))
        {
            _w.Line("const int cy = oy;");
            WriteBoundedSums();
            foreach (var c in Channels())
            {
                _w.Line($"float v{c} = s[{c}];");
                ApplyOps(_tail.BeforePool, $"v{c}");
                _w.Line($"yb[{c} * (OUT_H * OUT_W) + cy * OUT_W + cx] = v{c};");
            }
        }
    }

    /// <summary>Applies elementwise post-ops in order to a float variable, one statement each.</summary>
    private void ApplyOps(IReadOnlyList<Graph.Node> ops, string variable)
    {
        foreach (var op in ops) _w.Line($"{variable} = {PostOps.Apply(_ctx, op, variable)};");
    }
}
