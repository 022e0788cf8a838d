using EdgeToolkit.CodeGen.Emitters.Conv;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// Writes the im2col step of the grouped QConv kernel: the TAPS int8 inputs one conv output reads,
/// widened to int16 into the tile's columns (cols->tap, laid out as QConvPacking says), padding taps
/// reading the input zero point ZX. A window inside the input is copied from constant offsets
/// (unrolled, or per run of channels that fills whole quads; a pooling window's columns together,
/// each input loaded once); one that touches the padding takes a bounded loop.
/// </summary>
internal sealed class QConvIm2col(CWriter w, ConvGeometry g, QConvPacking packing)
{
    /// <summary>Columns of up to this many taps are copied in one straight run of code.</summary>
    private const int MaxUnrolledTaps = 128;

    /// <summary>A tile's columns are copied together up to this many taps in all.</summary>
    private const int MaxTileTaps = 640;

    /// <summary>Every conv output's window lies inside the input (no padding is ever read).</summary>
    public bool AlwaysInside
    {
        get
        {
            var (r0, r1) = g.InteriorRows;
            var (c0, c1) = g.InteriorCols;
            return r0 <= 0 && r1 >= g.OutH - 1 && c0 <= 0 && c1 >= g.OutW - 1;
        }
    }

    /// <summary>The column of conv output (cy, cx) into taps from index `dest` on, testing whether its window reads padding.</summary>
    public void Pixel(string cy, string cx, string dest)
    {
        using var scope = w.Scope();
        w.Line($"const int iy0 = ({cy}) * STRIDE_H - PAD_T, ix0 = ({cx}) * STRIDE_W - PAD_L;");
        if (AlwaysInside) { Inside("xg + iy0 * IN_W + ix0", dest); return; }
        using (w.Block("if (iy0 >= 0 && iy0 + (K_H - 1) * DIL_H < IN_H && ix0 >= 0 && ix0 + (K_W - 1) * DIL_W < IN_W)"))
            Inside("xg + iy0 * IN_W + ix0", dest);
        using (w.Block("else"))
            Bounded(dest);
    }

    /// <summary>A window inside the input, starting at `window`: constant offsets.</summary>
    public void Inside(string window, string dest)
    {
        using var scope = w.Scope();
        w.Line($"const int8_t *xw = {window}; /* the window lies inside the input */");
        if (packing.Taps <= MaxUnrolledTaps) { WriteTaps("xw", dest, 0, packing.Taps); return; }
        // Runs of channels that fill whole quads repeat one pattern of offsets; the rest is unrolled after.
        int kk = g.KernelH * g.KernelW, run = 4 / Gcd(kk, 4), runs = g.InChannelsPerGroup / run;
        using (w.Block($"for (int c = 0; c < {runs * run}; c += {run})"))
        {
            w.Line($"const int8_t *xc = xw + c * {g.InH * g.InW};");
            w.Line($"const int cc = {dest} + c * {2 * kk}; /* channel c's taps start at quad c * {kk} / 4, eight taps each */");
            WriteTaps("xc", "cc", 0, run * kk);
        }
        int done = runs * run * kk;
        if (done < packing.Taps)
        {
            w.Line($"const int8_t *xr = xw + {runs * run * g.InH * g.InW};");
            WriteTaps("xr", Index(dest, TapIndex(done)), done, packing.Taps);
        }
    }

    /// <summary>The window of (iy0, ix0) touches the padding: a bounded loop, taps outside reading ZX.</summary>
    private void Bounded(string dest)
    {
        w.Line("/* the window touches the padding: taps outside the input read ZX */");
        w.Line("int t = 0;");
        using (w.Block("for (int c = 0; c < IN_C_G; c++)"))
        using (w.Block("for (int ky = 0; ky < K_H; ky++)"))
        {
            w.Line("const int iy = iy0 + ky * DIL_H;");
            using (w.Block("for (int kx = 0; kx < K_W; kx++, t++)"))
            {
                w.Line("const int ix = ix0 + kx * DIL_W;");
                w.Line("/* TapIndex(t): quad t / 4 is eight taps, its second pair four taps in */");
                w.Line($"cols->tap[{dest} + ((t >> 2) << 3) + ((t & 2) << 1) + (t & 1)] = (int16_t)(iy >= 0 && iy < IN_H && ix >= 0 && ix < IN_W ? xg[(c * IN_H + iy) * IN_W + ix] : ZX);");
            }
        }
    }

    /// <summary>
    /// An odd tap count leaves one int16 after each column's last tap, read (times a zero weight) by
    /// the last pair: zeroed once per call, since no column copy writes it.
    /// </summary>
    public void ZeroPaddingTaps(IEnumerable<int> pixelTaps)
    {
        if (packing.Taps % 2 == 0) return;
        w.Line("/* the int16 after each column's odd last tap: read (times a zero weight), never written by a copy */");
        w.Line(string.Concat(pixelTaps.Select(p => $"cols->tap[{p + TapIndex(packing.Taps)}] = 0; ")).TrimEnd());
    }

    /// <summary>
    /// Several windows inside the input at constant offsets from `origin` (the pixels of a pooling
    /// window): each input value is loaded once and stored to every column that reads it.
    /// </summary>
    public void InsideTile(string origin, IReadOnlyList<(int Offset, int Dest)> pixels)
    {
        if (packing.Taps > MaxUnrolledTaps || pixels.Count * packing.Taps > MaxTileTaps)
        {
            foreach (var (offset, dest) in pixels) Inside($"{origin} + {offset}", dest.ToString());
            return;
        }
        using var scope = w.Scope();
        w.Line($"const int8_t *xt = {origin}; /* the windows lie inside the input: each input loaded once */");
        var stores = new SortedDictionary<int, List<int>>();
        foreach (var (offset, dest) in pixels)
            for (int t = 0; t < packing.Taps; t++)
            {
                int src = offset + Offset(t);
                if (!stores.TryGetValue(src, out var list)) stores[src] = list = new List<int>();
                int d = dest + TapIndex(t);
                if (!list.Contains(d)) list.Add(d);
            }
        foreach (var (src, dests) in stores)
            w.Line($"{{ const int16_t v = xt[{src}]; {string.Concat(dests.Select(d => $"cols->tap[{d}] = v; ")).TrimEnd()} }}");
    }

    /// <summary>Index of tap t in its pixel's column, relative to the pixel's first tap.</summary>
    public static int TapIndex(int t) => 2 * QConvPacking.ColumnWord(t >> 1, 0) + (t & 1);

    /// <summary>Offset of tap t from the window's top-left input of its first channel.</summary>
    private int Offset(int t)
    {
        int kk = g.KernelH * g.KernelW, c = t / kk, ky = t % kk / g.KernelW, kx = t % g.KernelW;
        return c * g.InH * g.InW + ky * g.DilationH * g.InW + kx * g.DilationW;
    }

    /// <summary>Taps [from, to) from source (the input of tap `from`) to the columns from `dest` (the index of tap `from`) on.</summary>
    private void WriteTaps(string source, string dest, int from, int to)
    {
        for (int t = from; t < to; t++)
            w.Line($"cols->tap[{Index(dest, TapIndex(t - from))}] = {source}[{Offset(t) - Offset(from)}];");
    }

    /// <summary>dest + k, folded when dest is a number.</summary>
    private static string Index(string dest, int k) => int.TryParse(dest, out var d) ? (d + k).ToString() : k == 0 ? dest : $"{dest} + {k}";

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
