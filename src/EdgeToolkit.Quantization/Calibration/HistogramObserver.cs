namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// What the histogram-based observers (Percentile, Entropy) share: a fixed-size streaming
/// histogram, and the range of a tensor that was never seen or is all zeros. Subclasses say how
/// a range is chosen from a non-empty histogram.
/// </summary>
public abstract class HistogramObserver : IRangeObserver
{
    protected HistogramObserver(int bins) { Histogram = new StreamingHistogram(bins); }

    public StreamingHistogram Histogram { get; }
    public long Count => Histogram.Total;
    public void Observe(ReadOnlySpan<float> values) => Histogram.Add(values);

    public TensorRange Range()
    {
        var h = Histogram;
        if (h.Total == 0 || h.Threshold == 0) return new TensorRange(0, 0, Math.Min(0, h.SeenMin), Math.Max(0, h.SeenMax));
        return RangeOf(h);
    }

    /// <summary>The range from a histogram with values in it.</summary>
    protected abstract TensorRange RangeOf(StreamingHistogram h);
}
