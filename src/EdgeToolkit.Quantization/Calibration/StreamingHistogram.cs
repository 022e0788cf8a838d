namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// A histogram of a tensor's values over [-T, T] with a fixed, even number of equal bins, built one
/// sample at a time. T is set by the first sample and only grows: when a value beyond T arrives,
/// T doubles (as many times as needed) and every 2^k old bins merge into one, so the counts stay
/// exact and memory stays fixed, where ONNX Runtime's HistogramCollector appends bins instead.
/// The range is symmetric around zero (as ORT's entropy collector), so 0 always sits on the
/// edge between bins N/2 - 1 and N/2, and |x| folds exactly onto the upper half. T is kept a
/// little above every value seen, so no value sits on the closed top edge, which becomes an
/// inner edge when T doubles.
/// </summary>
public sealed class StreamingHistogram
{
    private long _zerosBeforeRange; // values seen while every value so far was 0 (T still unknown)

    /// <summary>T starts this fraction above the first sample's max |x|.</summary>
    public const double Headroom = 1.0 / 1024;

    public int BinCount { get; }
    public long[] Counts { get; }
    /// <summary>Half-width of the covered range; 0 until a non-zero value arrives.</summary>
    public double Threshold { get; private set; }
    public float SeenMin { get; private set; } = float.PositiveInfinity;
    public float SeenMax { get; private set; } = float.NegativeInfinity;
    public long Total { get; private set; }

    public StreamingHistogram(int bins)
    {
        if (bins < 2 || bins % 2 != 0) throw new ArgumentOutOfRangeException(nameof(bins), "the histogram needs an even number of bins");
        BinCount = bins;
        Counts = new long[bins];
    }

    public double BinWidth => 2 * Threshold / BinCount;
    /// <summary>Edge k (0..N) of the bins: -T + k * width.</summary>
    public double Edge(int k) => -Threshold + k * BinWidth;

    public void Add(ReadOnlySpan<float> values)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        long finite = 0;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            finite++;
        }
        if (finite == 0) return;
        SeenMin = Math.Min(SeenMin, lo);
        SeenMax = Math.Max(SeenMax, hi);
        Total += finite;
        double amax = Math.Max(Math.Abs((double)lo), Math.Abs((double)hi));
        if (Threshold == 0)
        {
            if (amax == 0) { _zerosBeforeRange += finite; return; }
            Threshold = amax * (1 + Headroom);
            Counts[BinCount / 2] += _zerosBeforeRange;
            _zerosBeforeRange = 0;
        }
        else if (amax >= Threshold) Widen(amax);

        // Counted from the zero edge, so that 0 lands in bin N/2 exactly.
        double scale = BinCount / (2 * Threshold);
        int half = BinCount / 2;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            int bin = half + (int)Math.Floor(v * scale);
            Counts[Math.Clamp(bin, 0, BinCount - 1)]++;
        }
    }

    /// <summary>Counts of |x| over [0, T) in N/2 bins of the same width (bin k is [k w, (k+1) w)).</summary>
    public long[] AbsoluteCounts()
    {
        int half = BinCount / 2;
        var abs = new long[half];
        for (int k = 0; k < half; k++) abs[k] = Counts[half + k] + Counts[half - 1 - k];
        abs[0] += _zerosBeforeRange;
        return abs;
    }

    private void Widen(double amax)
    {
        int factor = 1;
        while (Threshold * factor <= amax) factor *= 2;
        var old = (long[])Counts.Clone();
        Array.Clear(Counts);
        // Old bin i starts (factor - 1) * N / 2 + i old widths above the new lower edge; its centre
        // decides the new bin (exact whenever factor divides N / 2, i.e. up to 1024x for 2048 bins).
        double offset = (factor - 1) * (BinCount / 2.0);
        for (int i = 0; i < old.Length; i++)
            if (old[i] != 0) Counts[Math.Min(BinCount - 1, (int)Math.Floor((offset + i + 0.5) / factor))] += old[i];
        Threshold *= factor;
    }
}
