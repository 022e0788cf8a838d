using EdgeToolkit.Control.Excitation;

namespace EdgeToolkit.Control.Tests;

public class ExcitationTests
{
    private static readonly ExcitationOptions Options = new() { MinHoldPeriods = 7, MaxHoldPeriods = 30, PrbsBitPeriods = 4, MinSegmentPeriods = 50, MaxSegmentPeriods = 120 };

    [Theory]
    [InlineData(ExcitationKind.Chirp)]
    [InlineData(ExcitationKind.RandomSteps)]
    [InlineData(ExcitationKind.Prbs)]
    [InlineData(ExcitationKind.Mix)]
    public void SignalsStayInRangeAndRepeatWithTheirSeed(ExcitationKind kind)
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var a = ExcitationSignals.Generate(kind, 1000, 0.01, -3, 5, seed, Options);
            Assert.Equal(1000, a.Length);
            Assert.All(a, v => Assert.InRange(v, -3, 5));
            Assert.Equal(a, ExcitationSignals.Generate(kind, 1000, 0.01, -3, 5, seed, Options));
            Assert.NotEqual(a, ExcitationSignals.Generate(kind, 1000, 0.01, -3, 5, seed + 1, Options));
            Assert.True(a.Max() - a.Min() > 0.5, $"{kind} seed {seed} barely moves: [{a.Min()}, {a.Max()}]");
        }
    }

    [Fact]
    public void PrbsHasTwoLevelsAndSwitchesOnlyAtBitBoundaries()
    {
        var s = ExcitationSignals.Prbs(2100, 0, 1, seed: 3, Options);
        Assert.Equal(2, s.Distinct().Count());
        for (int k = 1; k < s.Length; k++)
            if (s[k] != s[k - 1]) Assert.Equal(0, k % Options.PrbsBitPeriods);
        // A maximal-length sequence is balanced: 256 ones and 255 zeros per 511 bits.
        double high = s.Max();
        var bits = Enumerable.Range(0, 511).Select(b => s[b * Options.PrbsBitPeriods] == high ? 1 : 0).ToArray();
        Assert.InRange(bits.Sum(), 255, 256);
    }

    [Fact]
    public void RandomStepsHoldEachLevelWithinTheHoldLimits()
    {
        var s = ExcitationSignals.RandomSteps(3000, 0, 1, seed: 5, Options);
        var holds = new List<int>();
        int run = 1;
        for (int k = 1; k < s.Length; k++)
        {
            if (s[k] == s[k - 1]) { run++; continue; }
            holds.Add(run); run = 1;
        }
        Assert.True(holds.Count > 50);
        Assert.All(holds, h => Assert.InRange(h, Options.MinHoldPeriods, Options.MaxHoldPeriods));
    }

    [Fact]
    public void ChirpFrequencyRisesAcrossTheSignal()
    {
        // Zero crossings (around the centre) are denser at the end of an up-chirp than at the start.
        var o = new ExcitationOptions { ChirpMinHz = 0.5, ChirpMaxHz = 5 };
        var s = ExcitationSignals.Chirp(4000, 0.005, -1, 1, seed: 11, o);
        double centre = (s.Max() + s.Min()) / 2;
        int Crossings(int from, int to) => Enumerable.Range(from + 1, to - from - 1).Count(k => (s[k] - centre) * (s[k - 1] - centre) < 0);
        Assert.True(Crossings(3000, 4000) >= Crossings(0, 1000), $"{Crossings(0, 1000)} crossings first quarter, {Crossings(3000, 4000)} last");
    }
}
