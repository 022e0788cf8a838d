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
        ConvLoops.WriteConvComment(_ctx, g, Pool, _hasBias);
        _w.Line($"/* register blocking: {Ocb} output channels x up to {_b.PixelsPerBlock} positions; weights laid out [block][c][ky][kx][{Ocb}] */");
        ConvLoops.WriteShapeEnums(_w, g, Pool);
        _w.Line($"enum {{ IN_C_G = {g.InChannelsPerGroup}, OCB = {Ocb}, BLOCKS = {g.OutChannels / Ocb}, BLOCKS_PER_GROUP = {g.OutChannelsPerGroup / Ocb}, TAPS = {g.TapsPerOutput} }};");
        ConvLoops.WritePoolEnum(_w, Pool);
    }

    // ---- loops over output positions ----

    private void WritePooledLoops()
    {
        var pool = Pool!;
        var window = ConvLoops.PoolWindow(pool);
        using (_w.Block("for (int py = 0; py < OUT_H; py++)"))
        using (_w.Block("for (int px = 0; px < OUT_W; px++)"))
        {
            _w.Line("const int oy = py * POOL_SH, ox = px * POOL_SW; /* top-left conv output of the window */");
            _w.Line("float " + string.Join(", ", Channels().Select(c => $"m{c} = -3.40282347e+38f")) + "; /* running maxima */");
            ConvLoops.WriteInteriorSplit(_w, _g, pool,
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
                slow: () => ConvLoops.WriteSlowPooledWindow(_w, WritePooledBoundedOutput));
            foreach (var c in Channels())
            {
                ApplyOps(_tail.AfterPool, $"m{c}");
                _w.Line($"yb[{c} * (OUT_H * OUT_W) + py * OUT_W + px] = m{c};");
            }
        }
    }

    /// <summary>Without pooling: interior register tiles, bounded taps for positions that read padding.</summary>
    private void WritePlainLoops() =>
        ConvLoops.WritePlainLoops(_w, _g, _b.PixelsPerBlock, tile => WriteFastTile(tile, TileResult.Store),
            (first, end) => ConvLoops.WriteSlowPlain(_w, first, end, WritePlainBoundedOutput));

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
        ConvLoops.WriteTapBounds(_w);
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

    /// <summary>One conv output of a pool window that touches padding, into the maxima.</summary>
    private void WritePooledBoundedOutput()
    {
        WriteBoundedSums();
        foreach (var c in Channels())
        {
            _w.Line($"float v{c} = s[{c}];");
            ApplyOps(_tail.BeforePool, $"v{c}");
            _w.Line($"if (v{c} > m{c}) m{c} = v{c};");
        }
    }

    /// <summary>One position that reads padding, stored.</summary>
    private void WritePlainBoundedOutput()
    {
        WriteBoundedSums();
        foreach (var c in Channels())
        {
            _w.Line($"float v{c} = s[{c}];");
            ApplyOps(_tail.BeforePool, $"v{c}");
            _w.Line($"yb[{c} * (OUT_H * OUT_W) + cy * OUT_W + cx] = v{c};");
        }
    }

    private void ApplyOps(IReadOnlyList<Graph.Node> ops, string variable) => ConvLoops.ApplyOps(_ctx, ops, variable);
}
