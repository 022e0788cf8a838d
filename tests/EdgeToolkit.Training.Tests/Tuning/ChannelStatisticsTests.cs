using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Tuning;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Tuning;

/// <summary>
/// ChannelStatistics on a linear layer h = W x + b read out as L = sum over rows, positions and
/// channels of c[p][j] * h[p][j]: then dL/dh[p][j] = c[p][j] exactly, and both scores follow by hand.
/// </summary>
public class ChannelStatisticsTests
{
    private static readonly float[,] W = { { 1.0f, -2.0f, 0.5f }, { 0.25f, 0.75f, -1.5f } };
    private static readonly float[] B = { 0.5f, -0.25f };

    private static ModelGraph Linear()
    {
        var b = new GraphBuilder("linear");
        var x = b.Input("x", DataType.Float32, 1, 3);
        var weight = b.Constant("w", Tensor.FromFloats(new[] { 2, 3 }, W.Cast<float>().ToArray()));
        b.Output(b.Rename(b.Op("Gemm", new[] { x, weight, b.Constant("b", Tensor.FromFloats(new[] { 2 }, B)) }, NodeAttribute.Of("transB", 1L)), "h"));
        return b.Graph;
    }

    /// <summary>Runs the module once per position on fresh random rows; records them so the test can work out h.</summary>
    private sealed class LinearReadout(float[][] coefficients) : ITuningObjective
    {
        public const int Rows = 3;
        public List<float[][][]> Drawn { get; } = new(); // per loss, per position, per row: x

        public string Description => "linear read-out";
        public double LearningRate => 0.01;

        public torch.Tensor Loss(GraphModule module, Random rng)
        {
            var positions = coefficients.Select(_ => Enumerable.Range(0, Rows).Select(_ => new[] { Draw(rng), Draw(rng), Draw(rng) }).ToArray()).ToArray();
            Drawn.Add(positions);
            torch.Tensor? loss = null;
            for (int p = 0; p < coefficients.Length; p++)
            {
                var x = torch.tensor(positions[p].SelectMany(r => r).ToArray(), new long[] { Rows, 1, 3 });
                var h = module.Run(new Dictionary<string, torch.Tensor> { ["x"] = x })["h"];
                var term = (h * torch.tensor(coefficients[p]).view(1, 1, 2)).sum();
                loss = loss is null ? term : loss + term;
            }
            return loss!;
        }

        private static float Draw(Random rng) => (float)(2 * rng.NextDouble() - 1);
    }

    private static double H(float[] x, int j) => B[j] + Enumerable.Range(0, 3).Sum(k => (double)W[j, k] * x[k]);

    [Fact]
    public void ScoresEqualTheHandComputedOnesOfALinearReadout()
    {
        TorchRuntime.Initialize(1);
        // Two positions with coefficients of opposite sign on channel 0: a sum inside the absolute value differs from one outside.
        var coefficients = new[] { new[] { 2f, -1f }, new[] { -3f, 0.5f } };
        var objective = new LinearReadout(coefficients);
        using var module = new GraphModule(Linear());
        var probe = new ValueAxis("h", 1);
        var scores = ChannelStatistics.Measure(module, objective, new[] { probe }, batches: 3, new Random(5))[probe];

        var meanAbs = new double[2];
        var taylor = new double[2];
        int samples = 0, captures = 0;
        foreach (var loss in objective.Drawn)
            for (int r = 0; r < LinearReadout.Rows; r++, samples++)
                for (int j = 0; j < 2; j++)
                {
                    double perSample = 0;
                    for (int p = 0; p < coefficients.Length; p++)
                    {
                        double h = H(loss[p][r], j);
                        meanAbs[j] += Math.Abs(h);
                        perSample += h * coefficients[p][j];
                        if (j == 0) captures++;
                    }
                    taylor[j] += Math.Abs(perSample);
                }
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(meanAbs[j] / captures, scores.MeanAbs[j], 5);
            Assert.Equal(taylor[j] / samples, scores.Taylor[j], 5);
        }
        Assert.Equal(3 * LinearReadout.Rows, samples);
    }

    [Fact]
    public void MeasuringLeavesWeightsGradientsAndProbesAsTheyWere()
    {
        TorchRuntime.Initialize(2);
        using var module = new GraphModule(Linear());
        module.Probes.Add("x");
        var before = module.ParameterNames.ToDictionary(n => n, n => module.ParameterOf(n).detach().clone());
        ChannelStatistics.Measure(module, new LinearReadout(new[] { new[] { 1f, 1f } }), new[] { new ValueAxis("h", -1) }, batches: 2, new Random(1));
        foreach (var (name, value) in before)
        {
            Assert.True(value.eq(module.ParameterOf(name)).all().item<bool>(), $"'{name}' changed");
            var grad = module.ParameterOf(name).grad;
            Assert.True(grad is null || grad.abs().max().item<float>() == 0, $"'{name}' kept a gradient");
        }
        Assert.Equal(new[] { "x" }, module.Probes);
        Assert.Empty(module.Captured);
    }

    [Fact]
    public void UnknownValueIsRefusedByName()
    {
        using var module = new GraphModule(Linear());
        var e = Assert.Throws<EdgeToolkitException>(() =>
            ChannelStatistics.Measure(module, new LinearReadout(new[] { new[] { 1f, 1f } }), new[] { new ValueAxis("nope", 1) }, 1, new Random(1)));
        Assert.Contains("'nope'", e.Message);
    }
}
