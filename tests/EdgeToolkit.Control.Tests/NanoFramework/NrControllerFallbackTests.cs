using EdgeToolkit.Control.NanoFramework;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>Each fallback reason of docs/controller.md, its counters, and the recovery after it.</summary>
public class NrControllerFallbackTests
{
    // y(k+1) = 0.5 u(k-1) + 0.8 y(k) + 0.1
    private static readonly float[] Weights = { 0.5f, 0.8f };
    private static readonly float[] Bias = { 0.1f };
    private static readonly float[] Reference = { 1.3f };

    private static NrController Controller(NrSettings s, float[] bias) => new(s, NanoFixtures.Linear(2, Weights, bias));

    [Fact]
    public void InvalidReadingsAreBridgedWithTheLastValidOneUntilSensorHoldMax()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.SensorHoldMax = 2;
        s.Fallback = NrFallbackMode.Hold;
        var c = Controller(s, Bias);
        var bridged = Controller(s, Bias); // sees the last valid reading instead of each fault
        var u = new float[1];
        var expected = new float[1];

        Assert.Equal(NrSource.Newton, c.Step(new[] { 0.2f }, Reference, u));
        bridged.Step(new[] { 0.2f }, Reference, expected);
        foreach (var fault in new[] { float.NaN, 12f }) // not finite; outside [YValidLo, YValidHi]
        {
            Assert.Equal(NrSource.Newton, c.Step(new[] { fault }, Reference, u));
            bridged.Step(new[] { 0.2f }, Reference, expected);
            Assert.Equal(expected[0], u[0]);
        }
        float last = u[0];

        Assert.Equal(NrSource.FallbackSensor, c.Step(new[] { float.PositiveInfinity }, Reference, u));
        Assert.Equal(last, u[0]); // hold: u(k-1)
        Assert.Equal(3u, c.Counters.SensorFaults);
        Assert.Equal(1u, c.Counters.FallbackSensor);
        Assert.Equal(1u, c.Counters.Fallbacks);

        Assert.Equal(NrSource.Newton, c.Step(new[] { 0.3f }, Reference, u));
        Assert.Equal(5u, c.Counters.Steps);
    }

    [Fact]
    public void PersistentModelMismatchFallsBackAndRecoversWhenPredictionsFitAgain()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.MismatchThreshold = 0.2f;
        s.MismatchSteps = 3;
        s.Fallback = NrFallbackMode.Hold;
        var c = Controller(s, Bias);
        var u = new float[1];
        var readings = new[] { 5f, -5f, 5f, -5f }; // each far from what the model predicted for it

        var sources = readings.Select(y => { var src = c.Step(new[] { y }, Reference, u); return (src, u[0]); }).ToArray();

        // Step 1 has no prediction to compare with; steps 2, 3, 4 mismatch: the third one falls back.
        Assert.Equal(new[] { NrSource.Newton, NrSource.Newton, NrSource.Newton, NrSource.FallbackMismatch }, sources.Select(x => x.src));
        Assert.Equal(sources[2].Item2, sources[3].Item2);
        Assert.Equal(1u, c.Counters.FallbackMismatch);

        // A reading equal to the model's own prediction of it ends the mismatch run.
        float predicted = Weights[0] * u[0] + Weights[1] * readings[3] + Bias[0];
        Assert.Equal(NrSource.Newton, c.Step(new[] { predicted }, Reference, u));
        Assert.Equal(1u, c.Counters.Fallbacks);
    }

    [Fact]
    public void ZeroWeightsAndNoBarrierMakeTheHessianSingularAndThePidTakesOver()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.Q = new[] { 0f };
        s.Lambda = new[] { 0f };
        s.Barrier = 0f;
        var c = Controller(s, Bias);
        var u = new float[1];

        Assert.Equal(NrSource.FallbackSingular, c.Step(new[] { 0.2f }, Reference, u));

        // The PID's first period: P only (ki = kd = 0), u0 + kp (r - y), inside limits and rate.
        double pid = s.U0[0] + s.Kp[0] * ((double)Reference[0] - 0.2f);
        Assert.Equal(pid, u[0], 1e-6);
        Assert.Equal(1u, c.Counters.FallbackSingular);
        Assert.Equal(1u, c.Counters.Fallbacks);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(25f)] // finite, but beyond YValidHi + 10 YScale = 20
    public void ImplausiblePredictionsCountAsDivergence(float bias)
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        s.Fallback = NrFallbackMode.Hold;
        var c = Controller(s, new[] { bias });
        var u = new float[1];

        Assert.Equal(NrSource.FallbackDiverged, c.Step(new[] { 0.2f }, Reference, u));
        Assert.Equal(s.UInitial[0], u[0]);
        Assert.Equal(1u, c.Counters.FallbackDiverged);
        Assert.Equal(1u, c.Counters.NewtonIterations);

        // A NaN prediction must not poison the next period: the model stays bad, the reason stays the same.
        Assert.Equal(NrSource.FallbackDiverged, c.Step(new[] { 0.2f }, Reference, u));
        Assert.Equal(0u, c.Counters.FallbackMismatch);
    }

    [Fact]
    public void ResetStartsOverWithZeroCounters()
    {
        var s = NanoFixtures.Settings(p: 1, m: 1);
        var c = Controller(s, Bias);
        var first = new float[1];
        var again = new float[1];
        c.Step(new[] { 0.2f }, Reference, first);
        c.Step(new[] { 0.7f }, Reference, again);
        c.Reset();
        Assert.Equal(0u, c.Counters.Steps);
        c.Step(new[] { 0.2f }, Reference, again);
        Assert.Equal(first[0], again[0]);
    }

    [Fact]
    public void SettingsWithoutDelayOrOfTheWrongSizeAreRejected()
    {
        var noDelay = NanoFixtures.Settings(p: 1, m: 1);
        noDelay.Delay = 0;
        Assert.Throws<ArgumentException>(() => Controller(noDelay, Bias));

        var wrongFeatures = NanoFixtures.Settings(p: 1, m: 1, inputLags: 2);
        Assert.Throws<ArgumentException>(() => Controller(wrongFeatures, Bias));

        var shortQ = NanoFixtures.Settings(p: 1, m: 1);
        shortQ.Q = Array.Empty<float>();
        Assert.Throws<ArgumentException>(() => Controller(shortQ, Bias));
    }
}
