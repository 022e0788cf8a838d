namespace EdgeToolkit.Quantization.Calibration;

/// <summary>
/// TensorRT's entropy calibration as ONNX Runtime ports it (EntropyCalibrater): a histogram over
/// [-T, T]; windows of 2i + 1 bins centred on zero, from QuantizedBins bins up to all of them;
/// for each, the float distribution P (outliers folded into the end bins) and Q (the window
/// squeezed into QuantizedBins levels and spread back over P's non-zero bins); the window with
/// the smallest KL(P || Q) gives the range. Q is kept in floating point and its last level
/// spans the window's remainder, as in the MXNet implementation ORT copied (ORT's own rounds Q
/// to integers and drops the remainder).
/// </summary>
public sealed class EntropyObserver : HistogramObserver
{
    private readonly int _quantizedBins;

    public EntropyObserver(int bins, int quantizedBins) : base(bins)
    {
        if (quantizedBins < 2 || quantizedBins > bins) throw new ArgumentOutOfRangeException(nameof(quantizedBins));
        _quantizedBins = quantizedBins;
    }

    protected override TensorRange RangeOf(StreamingHistogram h)
    {
        var (start, end) = BestWindow(h.Counts, _quantizedBins);
        return new TensorRange((float)Math.Max(h.Edge(start), h.SeenMin), (float)Math.Min(h.Edge(end), h.SeenMax), h.SeenMin, h.SeenMax);
    }

    /// <summary>The bin range [start, end) of the window with the smallest KL divergence (first one on ties).</summary>
    public static (int Start, int End) BestWindow(long[] hist, int quantizedBins)
    {
        int n = hist.Length, zero = n / 2, half = quantizedBins / 2;
        double best = double.PositiveInfinity;
        (int, int) bestWindow = (0, n);
        for (int i = half; i <= zero; i++)
        {
            int start = zero - i, end = Math.Min(zero + i + 1, n);
            double kl = Divergence(hist, start, end, quantizedBins);
            if (kl < best) { best = kl; bestWindow = (start, end); }
        }
        return bestWindow;
    }

    /// <summary>KL(P || Q) of the window [start, end) of hist; infinity when either distribution is empty.</summary>
    public static double Divergence(long[] hist, int start, int end, int quantizedBins)
    {
        int length = end - start;
        var p = new double[length];
        for (int j = 0; j < length; j++) p[j] = hist[start + j];
        for (int j = 0; j < start; j++) p[0] += hist[j];
        for (int j = end; j < hist.Length; j++) p[length - 1] += hist[j];

        // Squeeze the window (without the outliers) into quantizedBins levels, the last taking the remainder.
        int merged = length / quantizedBins;
        var q = new double[length];
        for (int k = 0; k < quantizedBins; k++)
        {
            int from = k * merged, to = k == quantizedBins - 1 ? length : from + merged;
            double sum = 0;
            int nonZero = 0;
            for (int j = from; j < to; j++) { sum += hist[start + j]; if (p[j] != 0) nonZero++; }
            if (nonZero == 0) continue;
            for (int j = from; j < to; j++) q[j] = p[j] != 0 ? sum / nonZero : 0;
        }
        if (!Smooth(p) || !Smooth(q)) return double.PositiveInfinity;
        return KullbackLeibler(p, q);
    }

    /// <summary>
    /// Moves eps of mass onto every empty bin, taken evenly from the others (ORT's smooth_distribution),
    /// so that the logarithms are finite. False when every bin is empty.
    /// </summary>
    internal static bool Smooth(double[] d, double eps = 1e-4)
    {
        int zeros = d.Count(v => v == 0), nonZeros = d.Length - zeros;
        if (nonZeros == 0) return false;
        double take = eps * zeros / nonZeros;
        for (int j = 0; j < d.Length; j++) d[j] += d[j] == 0 ? eps : -take;
        return true;
    }

    /// <summary>sum p log(p / q) after normalising both to sum 1 (scipy.stats.entropy).</summary>
    internal static double KullbackLeibler(double[] p, double[] q)
    {
        double sp = p.Sum(), sq = q.Sum(), kl = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double pj = p[j] / sp, qj = q[j] / sq;
            if (pj > 0) kl += pj * Math.Log(pj / qj);
        }
        return kl;
    }
}
