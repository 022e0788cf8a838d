namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// The range that keeps a percentile of the values (ONNX Runtime's percentile calibrator): with
/// Tails, (100 - p) / 2 percent is cut from each end; with Abs, the p-th percentile t of |x| gives
/// [-t, t]. Thresholds are bin edges; the bin in which the percentile falls is kept whole, and the
/// result never exceeds what was seen.
/// </summary>
public sealed class PercentileObserver : HistogramObserver
{
    private readonly double _percentile;
    private readonly PercentileMode _mode;

    public PercentileObserver(int bins, double percentile, PercentileMode mode) : base(bins)
    {
        if (!(percentile > 0 && percentile <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), "the percentile must be in (0, 100]");
        _percentile = percentile;
        _mode = mode;
    }

    protected override TensorRange RangeOf(StreamingHistogram h)
    {
        double lo, hi;
        if (_mode == PercentileMode.Abs)
        {
            int k = FirstReaching(h.AbsoluteCounts(), _percentile / 100);
            hi = (k + 1) * h.BinWidth;
            lo = -hi;
        }
        else
        {
            double cut = (100 - _percentile) / 200;
            lo = h.Edge(FirstReaching(h.Counts, cut));
            hi = h.Edge(FirstReaching(h.Counts, 1 - cut) + 1);
        }
        return new TensorRange((float)Math.Max(lo, h.SeenMin), (float)Math.Min(hi, h.SeenMax), h.SeenMin, h.SeenMax);
    }

    /// <summary>First bin whose cumulative share reaches `fraction` (numpy's searchsorted on the CDF).</summary>
    internal static int FirstReaching(long[] counts, double fraction)
    {
        long total = counts.Sum();
        long running = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            running += counts[i];
            if ((double)running / total >= fraction) return i;
        }
        return counts.Length - 1;
    }
}
