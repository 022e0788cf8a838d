using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Control.Tests;

public class ActuatorChainTests
{
    private static readonly InputChannel Force = new("force", "N", -10, 10, RatePerSecond: 100);

    [Fact]
    public void RateLimitMovesAtMostRateTimesPeriod()
    {
        var chain = new ActuatorChain(new[] { Force }, period: 0.02, delayPeriods: 0); // 2 N per period
        var applied = Enumerable.Range(0, 7).Select(_ => chain.Apply(new[] { 9.0 })[0]).ToArray();
        Assert.Equal(new[] { 2.0, 4.0, 6.0, 8.0, 9.0, 9.0, 9.0 }, applied.Select(v => Math.Round(v, 12)));
        Assert.Equal(7.0, Math.Round(chain.Apply(new[] { -10.0 })[0], 12));
    }

    [Fact]
    public void SaturationClipsBeforeTheRateLimit()
    {
        var chain = new ActuatorChain(new[] { Force with { RatePerSecond = double.PositiveInfinity } }, 0.02, 0);
        Assert.Equal(10.0, chain.Apply(new[] { 55.0 })[0]);
        Assert.Equal(-10.0, chain.Apply(new[] { -1e9 })[0]);
        Assert.Equal(3.5, chain.Apply(new[] { 3.5 })[0]);
    }

    [Fact]
    public void DelayShiftsCommandsByWholePeriods()
    {
        var chain = new ActuatorChain(new[] { Force with { RatePerSecond = double.PositiveInfinity, Initial = 1 } }, 0.02, delayPeriods: 3);
        var commands = new[] { 5.0, -2.0, 7.0, 0.5, 3.0, 4.0 };
        var applied = commands.Select(c => chain.Apply(new[] { c })[0]).ToArray();
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 5.0, -2.0, 7.0 }, applied);
        chain.Reset();
        Assert.Equal(1.0, chain.Apply(new[] { 9.0 })[0]);
    }
}
