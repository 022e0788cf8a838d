namespace EdgeToolkit.Profiling;

/// <summary>Percentiles of latency samples, nearest-rank (a percentile is always one of the samples).</summary>
public sealed record LatencyStats(int Count, double Min, double P50, double P90, double P99, double Max)
{
    public static LatencyStats? Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        return new LatencyStats(sorted.Length, sorted[0], Rank(sorted, 50), Rank(sorted, 90), Rank(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest rank: the smallest sample with at least p% of the samples at or below it.</summary>
    public static double Rank(double[] sorted, double percent)
    {
        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
