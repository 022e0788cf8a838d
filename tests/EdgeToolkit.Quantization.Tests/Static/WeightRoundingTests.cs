using EdgeToolkit.Quantization.Qdq;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>
/// Error-compensating weight rounding (GPTQ) against rounding to nearest, on the quantity it
/// minimises: the layer's output error (w - q s)^T H (w - q s) with H = E[x x^T] of the inputs.
/// </summary>
public class WeightRoundingTests(ITestOutputHelper log)
{
    /// <summary>Rows of 32 inputs driven by 7 latent values through a tanh: strongly correlated, as hidden layers are.</summary>
    private static double[,] CorrelatedMoments(Random rng, int k, int samples = 2000, int latent = 7)
    {
        var a = new double[latent, k];
        for (int i = 0; i < latent; i++) for (int j = 0; j < k; j++) a[i, j] = rng.NextDouble() * 2 - 1;
        var h = new double[k, k];
        var x = new double[k];
        for (int r = 0; r < samples; r++)
        {
            var z = Enumerable.Range(0, latent).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            for (int j = 0; j < k; j++)
            {
                double v = 0;
                for (int i = 0; i < latent; i++) v += z[i] * a[i, j];
                x[j] = Math.Tanh(0.3 * v) + 0.01 * (rng.NextDouble() - 0.5);
            }
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) h[i, j] += x[i] * x[j] / samples;
        }
        return h;
    }

    private static (float[] W, float[] Scales) Weights(Random rng, int n, int k)
    {
        var w = Enumerable.Range(0, n * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        return (w, Enumerable.Range(0, n).Select(c => Enumerable.Range(0, k).Max(i => Math.Abs(w[c * k + i])) / 127f).ToArray());
    }

    private static sbyte[] Nearest(float[] w, float[] scales, int k) =>
        w.Select((v, i) => (sbyte)Math.Clamp(Math.Round(v / scales[i / k], MidpointRounding.ToEven), -127, 127)).ToArray();

    private static double OutputError(float[] w, sbyte[] q, float[] scales, int k, double[,] h)
    {
        double e = 0;
        for (int c = 0; c < scales.Length; c++)
        {
            var d = Enumerable.Range(0, k).Select(i => w[c * k + i] - q[c * k + i] * (double)scales[c]).ToArray();
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) e += d[i] * h[i, j] * d[j];
        }
        return e;
    }

    [Fact]
    public void CompensatingRoundingLowersTheOutputErrorOnCorrelatedInputs()
    {
        var rng = new Random(1);
        const int n = 8, k = 32;
        var h = CorrelatedMoments(rng, k);
        var (w, scales) = Weights(rng, n, k);
        var nearest = Nearest(w, scales, k);
        var compensated = WeightRounding.Round(w, n, k, scales, h);
        double e0 = OutputError(w, nearest, scales, k, h), e1 = OutputError(w, compensated, scales, k, h);
        double moved = Enumerable.Range(0, w.Length).Max(i => Math.Abs(compensated[i] - w[i] / scales[i / k]));
        log.WriteLine($"output error: round to nearest {e0:E3}, compensated {e1:E3} ({e0 / e1:0.0}x lower); weights moved up to {moved:0.00} steps from w / s");
        Assert.True(e1 < e0 / 2, $"compensated {e1:E3} against nearest {e0:E3}");
        // The updates move a weight by a few steps at most: they correct rounding errors, they do not refit the layer.
        Assert.True(moved < 4, $"a weight moved {moved:0.00} steps");
    }

    [Fact]
    public void UncorrelatedInputsRoundToNearest()
    {
        // A diagonal H: an error cannot be offset by another input, so nothing is spread.
        var rng = new Random(2);
        const int n = 4, k = 16;
        var h = new double[k, k];
        for (int i = 0; i < k; i++) h[i, i] = 0.1 + rng.NextDouble();
        var (w, scales) = Weights(rng, n, k);
        Assert.Equal(Nearest(w, scales, k), WeightRounding.Round(w, n, k, scales, h));
    }
}
