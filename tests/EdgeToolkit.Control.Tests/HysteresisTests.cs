using EdgeToolkit.Control.Plants;
using EdgeToolkit.Control.Simulation;

namespace EdgeToolkit.Control.Tests;

public class HysteresisTests
{
    /// <summary>Loop area, the integral of y dx around the cycle (shoelace over the samples).</summary>
    private static double LoopArea(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double a = 0;
        for (int i = 0; i < x.Count; i++) { int j = (i + 1) % x.Count; a += x[i] * y[j] - x[j] * y[i]; }
        return Math.Abs(a) / 2;
    }

    private static (double[] X, double[] Y) PlayCycle(double amplitude, double halfWidth, int samplesPerCycle)
    {
        var op = new PlayOperator(halfWidth);
        for (int i = 0; i < samplesPerCycle; i++) op.Update(amplitude * Math.Sin(2 * Math.PI * i / samplesPerCycle)); // settle the first cycle
        var x = new double[samplesPerCycle];
        var y = new double[samplesPerCycle];
        for (int i = 0; i < samplesPerCycle; i++) { x[i] = amplitude * Math.Sin(2 * Math.PI * i / samplesPerCycle); y[i] = op.Update(x[i]); }
        return (x, y);
    }

    [Fact]
    public void PlayOperatorLoopIsTheParallelogramArea()
    {
        // Between +-A the output lags by r: a parallelogram of width 2r and height 2(A - r), area 4 r (A - r).
        var (x, y) = PlayCycle(amplitude: 2, halfWidth: 0.5, samplesPerCycle: 20000);
        Assert.Equal(4 * 0.5 * (2 - 0.5), LoopArea(x, y), 2);
    }

    [Fact]
    public void PlayOperatorIsRateIndependent()
    {
        // The same path traversed 5 times slower gives the same outputs at the shared samples.
        var (_, fast) = PlayCycle(2, 0.5, 400);
        var (_, slow) = PlayCycle(2, 0.5, 2000);
        for (int i = 0; i < fast.Length; i++) Assert.Equal(fast[i], slow[5 * i], 12);
    }

    [Fact]
    public void TendonTipTracesAHysteresisLoopUnderASlowCommandCycle()
    {
        var plant = new TendonPlant(new TendonParameters { TipNoise = 0, TensionNoise = 0, DelayPeriods = 0 });
        const int half = 1500; // 15 s up, 15 s down: quasi-static against the 0.04 s motor and ~0.5 s bending dynamics
        var command = new List<double>();
        var tip = new List<double>();
        for (int k = 0; k < 2 * half; k++)
        {
            double u = k < half ? 0.2 + 0.6 * k / half : 0.8 - 0.6 * (k - half) / half;
            var y = plant.Step(new[] { u, 0.0 });
            command.Add(u); tip.Add(y[0]);
        }
        double up = tip[half / 2], down = tip[half + half / 2]; // both at command 0.5
        Assert.True(up < down - 1.0, $"tip x at command 0.5: {up:F2} mm rising, {down:F2} mm falling");
        Assert.True(LoopArea(command, tip) > 0.3, $"loop area {LoopArea(command, tip):F3} mm");
    }
}
