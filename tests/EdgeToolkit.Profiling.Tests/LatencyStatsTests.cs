namespace EdgeToolkit.Profiling.Tests;

public class LatencyStatsTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_of_the_sorted_samples()
    {
        // 1..200 shuffled: the nearest-rank p-th percentile of 1..n is ceil(p/100 * n).
        var samples = Enumerable.Range(1, 200).Select(i => (double)i).OrderBy(i => (i * 7919) % 211).ToList();
        var s = LatencyStats.Of(samples)!;
        Assert.Equal(100, s.P50);
        Assert.Equal(180, s.P90);
        Assert.Equal(198, s.P99);
        Assert.Equal(1, s.Min);
        Assert.Equal(200, s.Max);
        Assert.Equal(200, s.Count);
    }

    [Fact]
    public void One_sample_is_every_percentile_and_none_is_null()
    {
        var s = LatencyStats.Of(new[] { 42.0 })!;
        Assert.Equal(new[] { 42.0, 42.0, 42.0 }, new[] { s.P50, s.P90, s.P99 });
        Assert.Null(LatencyStats.Of(Array.Empty<double>()));
    }
}
