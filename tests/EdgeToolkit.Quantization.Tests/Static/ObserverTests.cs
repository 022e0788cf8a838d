using EdgeToolkit.Quantization.Calibration;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>Range observers against histograms and thresholds worked out by hand.</summary>
public class ObserverTests
{
    [Fact]
    public void MinMaxKeepsTheExtremesAndIgnoresNonFiniteValues()
    {
        var o = new MinMaxObserver();
        o.Observe(new[] { 0.5f, -2f, float.NaN });
        o.Observe(new[] { 3f, float.PositiveInfinity, 1f });
        Assert.Equal(new TensorRange(-2f, 3f, -2f, 3f), o.Range());
        Assert.Equal(4, o.Count);
    }

    [Fact]
    public void HistogramBinsOverMinusTToT()
    {
        // 8 bins over [-T, T], T = max |x| of the first sample (4) plus the headroom: bin k covers about [-4 + k, -3 + k).
        var h = new StreamingHistogram(8);
        h.Add(new[] { -4f, -0.5f, 0f, 0.25f, 3.5f, 4f });
        Assert.Equal(4 * (1 + StreamingHistogram.Headroom), h.Threshold);
        Assert.Equal(new long[] { 1, 0, 0, 1, 2, 0, 0, 2 }, h.Counts);
        // |x| folds bins 4+k and 3-k: [0,1) holds -0.5, 0, 0.25; [3,4] holds -4, 3.5, 4.
        Assert.Equal(new long[] { 3, 0, 0, 3 }, h.AbsoluteCounts());
    }

    [Fact]
    public void HistogramThatGrowsEqualsOneBuiltAtTheFinalRange()
    {
        // Ranges grow during streaming (x2, then x4); the merged counts must equal a histogram of all
        // values binned directly over the final [-T, T].
        var rng = new Random(3);
        var batches = new[] { 1.0, 2.0, 7.5, 3.0 }.Select(scale => Enumerable.Range(0, 500).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray()).ToList();
        var h = new StreamingHistogram(64);
        foreach (var b in batches) h.Add(b);

        double t = h.Threshold;
        Assert.True(t >= batches.SelectMany(b => b).Max(v => Math.Abs(v)));
        var direct = new long[64];
        foreach (var v in batches.SelectMany(b => b)) direct[Math.Clamp((int)Math.Floor((v + t) / (2 * t) * 64), 0, 63)]++;
        Assert.Equal(direct, h.Counts);
        Assert.Equal(2000, h.Total);
    }

    [Fact]
    public void ZerosSeenBeforeAnyRangeLandInTheZeroBin()
    {
        var h = new StreamingHistogram(4);
        h.Add(new[] { 0f, 0f, 0f });
        Assert.Equal(0, h.Threshold);
        h.Add(new[] { -2f, 1.5f });
        // T = 2 (+ headroom), bins about [-2,-1) [-1,0) [0,1) [1,2]: the three zeros and nothing else in [0, 1).
        Assert.Equal(new long[] { 1, 0, 3, 1 }, h.Counts);
    }

    [Fact]
    public void PercentileOfBothTailsClipsOnlyTailsRarerThanTheCut()
    {
        // A first sample [10] fixes T = 10 (+ headroom h): 20 bins of width 1 + h. Then 98 values at 0.5 and one at 9.5:
        // 100 values, 98 in [0, 1) and 2 in [9, 10]. Lower tail: the first bin whose CDF reaches the cut
        // is [0, 1), left edge 0, raised to the smallest value seen (0.5).
        TensorRange RangeAt(double percentile)
        {
            var p = new PercentileObserver(20, percentile, PercentileMode.Tails);
            p.Observe(new[] { 10f });
            p.Observe(Enumerable.Repeat(0.5f, 98).Append(9.5f).ToArray());
            return p.Range();
        }
        // 98%: 1% per tail; the upper 2% is more than that, so the CDF reaches 0.99 only in [9, 10]: edge 10.
        Assert.Equal(new TensorRange(0.5f, 10f, 0.5f, 10f), RangeAt(98));
        // 95%: 2.5% per tail; the CDF reaches 0.975 in [0, 1): right edge 1 (+ h), the two outliers are clipped.
        var r = RangeAt(95);
        Assert.Equal((0.5f, 10f, 0.5f), (r.Min, r.SeenMax, r.SeenMin));
        Assert.Equal(1 + StreamingHistogram.Headroom, r.Max, 6);
    }

    [Fact]
    public void PercentileOfAbsoluteValuesIsSymmetricAndClippedToWhatWasSeen()
    {
        var p = new PercentileObserver(20, 97, PercentileMode.Abs);
        p.Observe(new[] { -10f });
        p.Observe(Enumerable.Repeat(0.5f, 98).Append(-9.5f).ToArray());
        // |x|: 98 in [0, 1), 2 in [9, 10]; the 97th percentile falls in [0, 1) -> t = 1 (+ h) -> [-t, t] clipped to max 0.5.
        var r = p.Range();
        Assert.Equal((0.5f, -10f, 0.5f), (r.Max, r.SeenMin, r.SeenMax));
        Assert.Equal(-(1 + StreamingHistogram.Headroom), r.Min, 6);
    }

    [Fact]
    public void KullbackLeiblerOfAHandComputedWindow()
    {
        // Window = whole histogram [1, 3], squeezed into one level: Q = [2, 2].
        // KL = 0.25 ln(0.25/0.5) + 0.75 ln(0.75/0.5) = 0.130812...
        Assert.Equal(0.25 * Math.Log(0.5) + 0.75 * Math.Log(1.5), EntropyObserver.Divergence(new long[] { 1, 3 }, 0, 2, 1), 12);
        // Window [1, 3) of [5, 1, 3, 7]: outliers fold into P's ends, P = [6, 10]; Q from the window alone, [2, 2].
        Assert.Equal(0.375 * Math.Log(0.75) + 0.625 * Math.Log(1.25), EntropyObserver.Divergence(new long[] { 5, 1, 3, 7 }, 1, 3, 1), 12);
        // Q spreads a level's mass over P's non-empty bins only: [0, 2, 2, 0] in two levels is reproduced exactly.
        Assert.Equal(0, EntropyObserver.Divergence(new long[] { 0, 2, 2, 0 }, 0, 4, 2), 12);
    }

    [Fact]
    public void EntropyClipsFarOutliersButMinMaxDoesNot()
    {
        // A bell-shaped bulk (sigma 0.3) and two values at +-100: KL picks a window around the bulk,
        // where the int8 levels resolve its shape, rather than one that spends them on the outliers.
        var rng = new Random(5);
        var bulk = Enumerable.Range(0, 20000).Select(_ => (float)(0.3 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray();
        var e = new EntropyObserver(2048, 255);
        e.Observe(bulk);
        e.Observe(new[] { 100f, -100f });
        var r = e.Range();
        // The histogram covers [-T, T] with T >= 100 in 2048 bins, and the smallest window holds 255 of
        // them (one per level): T / 8 at least. The outliers are clipped; the whole bulk is kept.
        Assert.InRange(r.Max, bulk.Max(), 50f);
        Assert.InRange(r.Min, -50f, bulk.Min());
        var m = new MinMaxObserver();
        m.Observe(bulk); m.Observe(new[] { 100f, -100f });
        Assert.Equal(100f, m.Range().Max);
    }

    [Fact]
    public void EntropyBestWindowIsTheSmallestWindowHoldingAllTheMass()
    {
        // 16 bins, 4 levels: the mass sits in bins 6..9 (the central four). Windows of 5, 7, ... bins
        // centred on bin 8; the 5-bin window [6, 11) holds it all and squeezes it into 4 levels
        // (1 bin each, the last taking two) with no loss: KL 0, the first (smallest) such window wins.
        var hist = new long[16];
        hist[6] = 10; hist[7] = 20; hist[8] = 20; hist[9] = 10;
        var (start, end) = EntropyObserver.BestWindow(hist, 4);
        Assert.Equal(6, start);
        Assert.Equal(11, end);
    }
}
