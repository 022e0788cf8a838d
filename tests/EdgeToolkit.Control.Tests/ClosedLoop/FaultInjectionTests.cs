using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Control.Tests.Runtime;
using Xunit.Abstractions;

namespace EdgeToolkit.Control.Tests.ClosedLoop;

public class FaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public void EachFaultActsOnlyWhileScheduled()
    {
        var faults = new FaultInjection(
        [
            new(FaultKind.SensorStale, 1.0, 0.5, Channel: 0),
            new(FaultKind.SensorNaN, 2.0, 0.5, Channel: 1),
            new(FaultKind.SensorZero, 3.0, 0.5),
            new(FaultKind.NoiseBurst, 4.0, 0.5, Channel: 0, Magnitude: 10),
            new(FaultKind.StuckActuator, 5.0, 0.5, Channel: 1),
        ]);
        double[] noise = [0.1, 0.1];
        float[] Read(double t, float a, float b) { var y = new[] { a, b }; faults.CorruptReading(t, noise, y); return y; }
        Assert.Equal([1f, 2f], Read(0.9, 1, 2));
        Assert.Equal([5f, 6f], Read(1.0, 5, 6));     // the stale value is captured at the start
        Assert.Equal([5f, 8f], Read(1.4, 7, 8));
        Assert.Equal([9f, 10f], Read(1.5, 9, 10));   // over
        var nan = Read(2.2, 1, 2);
        Assert.Equal(1f, nan[0]);
        Assert.True(float.IsNaN(nan[1]));
        Assert.Equal([0f, 0f], Read(3.1, 1, 2));
        var noisy = Read(4.1, 1, 2);
        Assert.NotEqual(1f, noisy[0]);
        Assert.Equal(2f, noisy[1]);
        double[] lastApplied = [0.3, 0.4];
        var u = new double[] { 0.9, 0.9 };
        faults.Actuate(5.0, lastApplied, u);
        Assert.Equal([0.9, 0.4], u);                 // channel 1 stuck at what it had
        u = [0.1, 0.1];
        faults.Actuate(5.3, [0.9, 0.4], u);
        Assert.Equal([0.1, 0.4], u);
        u = [0.1, 0.1];
        faults.Actuate(5.6, [0.1, 0.4], u);
        Assert.Equal([0.1, 0.1], u);
    }

    [Theory]
    [InlineData("msd", "steps")]
    [InlineData("tendon", "steps")]
    [InlineData("hasel", "steps")]
    public void NewtonStaysBoundedFallsBackAndRecovers(string plant, string reference)
    {
        string folder = TestPaths.ModelFolder(plant);
        var faulty = ControlBenchmark.Run(folder, ControllerKind.Newton, reference, FaultInjection.Standard);
        var clean = ControlBenchmark.Run(folder, ControllerKind.Newton, reference);
        var s = ControllerPresets.ForModelFolder(folder).Settings;
        var c = faulty.Counters;
        output.WriteLine($"{plant}: fallbacks {c.Fallbacks} (sensor {c.FallbackSensor}, mismatch {c.FallbackMismatch}, singular {c.FallbackSingular}, " +
            $"diverged {c.FallbackDiverged}), sensor faults {c.SensorFaults}; RMS with faults {string.Join(" ", faulty.Rms.Where(double.IsFinite).Select(v => v.ToString("G3")))}, without {string.Join(" ", clean.Rms.Where(double.IsFinite).Select(v => v.ToString("G3")))}");

        // Bounded: every command inside the limits, every output within the valid band.
        foreach (var u in faulty.Log.Command)
            for (int i = 0; i < s.P; i++) Assert.InRange(u[i], s.Lo[i], s.Hi[i]);
        foreach (var y in faulty.Log.TrueOutput)
            for (int o = 0; o < s.M; o++) Assert.InRange(y[o], s.YValidLo[o], s.YValidHi[o]);
        // The 0.2 s of NaN readings outlast sensor_hold_max: the sensor fallback is taken and counted.
        Assert.True(c.FallbackSensor > 0);
        Assert.Equal(c.Fallbacks, c.FallbackSensor + c.FallbackMismatch + c.FallbackSingular + c.FallbackDiverged);
        Assert.Equal(c.Fallbacks, faulty.Log.Source.Count(x => x != "newton"));
        // Recovered: from 1 s after the last fault, tracking is as good as without faults (within 20% or a hundredth of the data range).
        double from = FaultInjection.Standard.Max(f => f.Start + f.Duration) + 1.0;
        var after = faulty.RmsBetween(from, double.PositiveInfinity);
        var reference0 = clean.RmsBetween(from, double.PositiveInfinity);
        for (int o = 0; o < s.M; o++)
            if (faulty.Tracked[o]) Assert.True(after[o] <= 1.2 * reference0[o] + 0.01 * s.YScale[o], $"{plant} output {o}: RMS {after[o]:G3} after the faults, {reference0[o]:G3} without");
        Assert.True(faulty.Log.Source.Skip((int)(from / s.Period)).All(x => x == "newton"), "Newton back in charge after the faults");
    }
}
