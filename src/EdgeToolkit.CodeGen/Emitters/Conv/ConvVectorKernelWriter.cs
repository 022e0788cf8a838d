namespace EdgeToolkit.CodeGen.Emitters.Conv;

/// <summary>
/// The host/AArch64 variant of the Conv loop nest (beside the portable ConvKernelWriter, chosen
/// by the target profile). Output channels are innermost: the weights of one tap for a block of
/// channels are whole vectors (GCC/Clang vector extensions, 8 floats), multiplied by one
/// broadcast input value per output position. GCC does not auto-vectorise the portable kernel's
/// scalar register tiles, nor the same loops written over float arrays (it unrolls and
/// scalarises them first), so the vectors are spelled out; the arithmetic stays separate
/// multiplies and adds (no FMA under -ffp-contract=off). Padding, tiling and the fused tail
/// follow the portable kernel: interior positions in register tiles, positions that read
/// padding with bounded taps, a fused MaxPool computing only conv outputs inside its windows.
/// </summary>
internal sealed class ConvVectorKernelWriter
{
    private readonly KernelContext _ctx;
    private readonly ConvGeometry _g;
    private readonly ConvVectorBlocking _b;
    private readonly FusedTail _tail;
    private readonly CWriter _w;

    public ConvVectorKernelWriter(KernelContext ctx, ConvGeometry g, ConvVectorBlocking b, FusedTail tail)
    {
        _ctx = ctx; _g = g; _b = b; _tail = tail; _w = ctx.Code;
    }

    private int Vecs => _b.Vectors;
    private FusedPool? Pool => _tail.Pool;
    /// <summary>Pooling on raw sums, then bias and activation once per pooled value.</summary>
    private bool PoolFirst => Pool != null && _tail.CanPoolBeforeActivation;
    private IEnumerable<int> VecRange => Enumerable.Range(0, Vecs);

    /// <summary>Kernel windows up to this many taps are unrolled in the generated C.</summary>
    private const int MaxUnrolledTaps = 16;

    public void Write(string weightsSymbol, string biasSymbol, bool hasBias)
    {
        WriteHeader(hasBias);
        _w.Line("#if !defined(__GNUC__)");
        _w.Line("#error \"the host/aarch64 conv kernel uses GCC/Clang vector extensions; generate for a cortex-m target for portable C\"");
        _w.Line("#endif");
        _w.Line("/* 8 floats; aligned(4) and may_alias: loads straight from float arrays, at any float boundary */");
        _w.Line("typedef float f32x8 __attribute__((vector_size(32), aligned(4), may_alias));");
        if (Pool != null) _w.Line("typedef int i32x8 __attribute__((vector_size(32))); /* comparison masks for the running max */");
        _w.Line($"const float *x = {_ctx.In(0)};");
        _w.Line($"const f32x8 *wts = (const f32x8 *){weightsSymbol};");
        _w.Line($"const float *bias = {biasSymbol}; /* padded to whole blocks */");
        _w.Line($"float *y = {_ctx.Out(0)};");
        using (_w.Block("for (int n = 0; n < BATCH; n++)"))
        using (_w.Block("for (int blk = 0; blk < BLOCKS; blk++)"))
        {
            _w.Line("/* block blk: channels ch0 .. ch0 + valid - 1 of group grp, BC wide with zero weights past the group's end */");
            _w.Line("const int grp = blk / BLOCKS_PER_GROUP, ch0 = (blk % BLOCKS_PER_GROUP) * BC;");
            _w.Line("const int valid = OC_G - ch0 < BC ? OC_G - ch0 : BC;");
            _w.Line("const float *xg = x + (n * IN_C + grp * IN_C_G) * (IN_H * IN_W);");
            _w.Line("const f32x8 *wb = wts + blk * (TAPS * VECS);");
            _w.Line("const float *bb = bias + blk * BC;");
            _w.Line("float *yb = y + (n * OUT_C + grp * OC_G + ch0) * (OUT_H * OUT_W);");
            _w.Line("const f32x8 " + string.Join(", ", VecRange.Select(v => PoolFirst ? $"init{v} = {{ 0.0f }}" : $"init{v} = *(const f32x8 *)(bb + {v * ConvVectorBlocking.Lanes})")) +
                    (PoolFirst ? "; /* bias after the pool */" : "; /* accumulators start at the bias */"));
            if (Pool != null) WritePooledLoops();
            else WritePlainLoops();
        }
    }

    private void WriteHeader(bool hasBias)
    {
        var g = _g;
        ConvLoops.WriteConvComment(_ctx, g, Pool, hasBias);
        _w.Line($"/* host/aarch64 variant: {_b.BlockChannels} output channels ({Vecs} vector{(Vecs > 1 ? "s" : "")}) x up to {_b.Positions} positions per tile; " +
                $"weights laid out [group][block][c][ky][kx][{_b.BlockChannels}] */");
        ConvLoops.WriteShapeEnums(_w, g, Pool);
        _w.Line($"enum {{ IN_C_G = {g.InChannelsPerGroup}, OC_G = {g.OutChannelsPerGroup}, BC = {_b.BlockChannels}, VECS = {Vecs}, " +
                $"BLOCKS = {g.Groups * _b.BlocksPerGroup(g)}, BLOCKS_PER_GROUP = {_b.BlocksPerGroup(g)}, TAPS = {g.TapsPerOutput} }};");
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
            _w.Line("/* running maxima, a vector per VECS channels; the window's first conv output sets them */");
            _w.Line("f32x8 " + string.Join(", ", VecRange.Select(v => $"m{v} = init{v}")) + ";");
            ConvLoops.WriteInteriorSplit(_w, _g, pool,
                fast: () =>
                {
                    var chunks = window.Chunk(_b.Positions).ToList();
                    for (int k = 0; k < chunks.Count; k++) WriteFastTile(chunks[k], firstOfWindow: k == 0);
                },
                slow: WriteSlowPooledWindow);
            _w.Line("float r[BC];");
            foreach (var v in VecRange) _w.Line($"*(f32x8 *)(r + {v * ConvVectorBlocking.Lanes}) = m{v};");
            using (_w.Block("for (int k = 0; k < valid; k++)"))
            {
                _w.Line("float v = r[k];");
                if (PoolFirst)
                {
                    _w.Line("v += bb[k];");
                    ApplyOps(_tail.BeforePool, "v");
                }
                ApplyOps(_tail.AfterPool, "v");
                _w.Line("yb[k * (OUT_H * OUT_W) + py * OUT_W + px] = v;");
            }
        }
    }

    /// <summary>Each row splits at generation time into left border, interior tiles and right border columns.</summary>
    private void WritePlainLoops() =>
        ConvLoops.WritePlainLoops(_w, _g, _b.Positions, tile => WriteFastTile(tile, firstOfWindow: false), WriteSlowPlain);

    /// <summary>
    /// A register tile: every listed position (dy, dx from (oy, ox)) reads no padding. With a pool
    /// the results update the maxima m0.. (firstOfWindow: the first position initialises it), else they are stored.
    /// </summary>
    private void WriteFastTile(IReadOnlyList<(int Dy, int Dx)> tile, bool firstOfWindow)
    {
        var g = _g;
        var pix = Enumerable.Range(0, tile.Count).ToArray();
        using var scope = _w.Block($"/* {tile.Count} positions x BC channels */");
        _w.Line("const float *xb = xg + (oy * STRIDE_H - PAD_T) * IN_W + (ox * STRIDE_W - PAD_L);");
        _w.Line("f32x8 " + string.Join(", ", VecRange.SelectMany(v => pix.Select(p => $"a{v}_{p} = init{v}"))) + ";");
        _w.Line("const f32x8 *wp = wb;");
        int[] pixelOffsets = tile.Select(t => t.Dy * g.StrideH * g.InW + t.Dx * g.StrideW).ToArray();
        using (_w.Block("for (int c = 0; c < IN_C_G; c++)"))
        {
            _w.Line("const float *xc = xb + c * (IN_H * IN_W);");
            if (g.KernelH * g.KernelW <= MaxUnrolledTaps)
            {
                for (int ky = 0; ky < g.KernelH; ky++)
                    for (int kx = 0; kx < g.KernelW; kx++)
                        WriteTap(pixelOffsets.Select(o => $"xc[{ky * g.DilationH * g.InW + kx * g.DilationW + o}]").ToArray(), (ky * g.KernelW + kx) * Vecs);
                _w.Line("wp += K_H * K_W * VECS;");
            }
            else
            {
                using var rows = _w.Block("for (int ky = 0; ky < K_H; ky++)");
                _w.Line("const float *xr = xc + ky * (DIL_H * IN_W);");
                using var taps = _w.Block("for (int kx = 0; kx < K_W; kx++)");
                WriteTap(pixelOffsets.Select(o => $"xr[{o}]").ToArray(), 0);
                _w.Line("xr += DIL_W;");
                _w.Line("wp += VECS;");
            }
        }
        foreach (var p in pix)
            WriteResult(VecRange.Select(v => $"a{v}_{p}").ToArray(), Pool == null ? $"oy * OUT_W + ox + {tile[p].Dx}" : null,
                firstOfWindow && p == 0);
    }

    /// <summary>One kernel tap: VECS weight vectors (wp[weightOffset..]) times one broadcast input per position.</summary>
    private void WriteTap(string[] inputs, int weightOffset)
    {
        _w.Line("{");
        _w.Indent();
        _w.Line("const float " + string.Join(", ", inputs.Select((e, p) => $"x{p} = {e}")) + ";");
        _w.Line("const f32x8 " + string.Join(", ", VecRange.Select(v => $"w{v} = wp[{weightOffset + v}]")) + ";");
        foreach (var v in VecRange)
            _w.Line(string.Join(" ", inputs.Select((_, p) => $"a{v}_{p} += w{v} * x{p};")));
        _w.Dedent();
        _w.Line("}");
    }

    /// <summary>
    /// One position's accumulator vectors: spilled to lanes, then stored at yb[k * plane + index]
    /// after the activations, or folded into the pool's maxima m0.. (index null).
    /// </summary>
    private void WriteResult(string[] vectors, string? index, bool initMax)
    {
        if (index == null) { WriteMax(vectors, initMax ? "1" : null); return; }
        using var scope = _w.Scope();
        _w.Line("float r[BC];");
        foreach (var v in VecRange) _w.Line($"*(f32x8 *)(r + {v * ConvVectorBlocking.Lanes}) = {vectors[v]};");
        using var lanes = _w.Block("for (int k = 0; k < valid; k++)");
        _w.Line("float v = r[k];");
        ApplyOps(_tail.BeforePool, "v");
        _w.Line($"yb[k * (OUT_H * OUT_W) + {index}] = v;");
    }

    /// <summary>
    /// Folds one conv output's vectors into the maxima m0..: m = v when first (a C condition, "1"
    /// for always, null for never), else m = (v > m ? v : m) lane by lane, spelled with a
    /// comparison mask because C has no vector ?: (x86 folds it into maxps). Activations that the
    /// pool does not commute with are applied first, lane by lane.
    /// </summary>
    private void WriteMax(string[] vectors, string? first)
    {
        using var scope = _w.Scope();
        string[] values = vectors;
        if (!PoolFirst && _tail.BeforePool.Count > 0)
        {
            _w.Line("float r[BC];");
            foreach (var v in VecRange) _w.Line($"*(f32x8 *)(r + {v * ConvVectorBlocking.Lanes}) = {vectors[v]};");
            using (_w.Block("for (int k = 0; k < BC; k++)"))
            {
                _w.Line("float v = r[k];");
                ApplyOps(_tail.BeforePool, "v");
                _w.Line("r[k] = v;");
            }
            values = VecRange.Select(v => $"*(const f32x8 *)(r + {v * ConvVectorBlocking.Lanes})").ToArray();
        }
        foreach (var v in VecRange)
        {
            var line = $"const f32x8 t{v} = {values[v]}; const i32x8 gt{v} = t{v} > m{v}; m{v} = (f32x8)((gt{v} & (i32x8)t{v}) | (~gt{v} & (i32x8)m{v}));";
            if (first == "1") _w.Line($"m{v} = {values[v]};");
            else if (first == null) _w.Line($"{{ {line} }}");
            else _w.Line($"if ({first}) m{v} = {values[v]}; else {{ {line} }}");
        }
    }

    /// <summary>Bounded taps for one conv output at (cy, cx): vectors s0.. (starting at init), then its result.</summary>
    private void WriteBoundedPosition(string? index, string initMaxCondition)
    {
        ConvLoops.WriteTapBounds(_w);
        _w.Line("f32x8 " + string.Join(", ", VecRange.Select(v => $"s{v} = init{v}")) + ";");
        using (_w.Block("for (int c = 0; c < IN_C_G; c++)"))
        using (_w.Block("for (int ky = ky0; ky < ky1; ky++)"))
        using (_w.Block("for (int kx = kx0; kx < kx1; kx++)"))
        {
            _w.Line("const float xv = xg[c * (IN_H * IN_W) + (iy0 + ky * DIL_H) * IN_W + ix0 + kx * DIL_W];");
            _w.Line("const f32x8 *w = wb + ((c * K_H + ky) * K_W + kx) * VECS;");
            _w.Line(string.Join(" ", VecRange.Select(v => $"s{v} += w[{v}] * xv;")));
        }
        if (index != null) { WriteResult(VecRange.Select(v => $"s{v}").ToArray(), index, false); return; }
        WriteMax(VecRange.Select(v => $"s{v}").ToArray(), initMaxCondition);
    }

    private void WriteSlowPooledWindow() =>
        ConvLoops.WriteSlowPooledWindow(_w, () => WriteBoundedPosition(null, "(dy == 0 && dx == 0)"));

    private void WriteSlowPlain(string first, string end) =>
        ConvLoops.WriteSlowPlain(_w, first, end, () => WriteBoundedPosition("cy * OUT_W + cx", ""));

    private void ApplyOps(IReadOnlyList<Graph.Node> ops, string variable) => ConvLoops.ApplyOps(_ctx, ops, variable);
}
