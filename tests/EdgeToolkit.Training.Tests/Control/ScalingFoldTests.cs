using EdgeToolkit.Training.Control;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Control;

public class ScalingFoldTests
{
    [Fact]
    public void FoldedNetworkMapsPhysicalUnitsLikeTheStandardisedOne()
    {
        TorchRuntime.Initialize(5);
        int[] hidden = { 6, 4 };
        var net = ForwardModelTrainer.Build(3, hidden, 2);
        net.eval();
        float[] xMean = { 10, -2, 0.5f }, xStd = { 4, 0.1f, 2 }, yMean = { 100, -7 }, yStd = { 25, 0.01f };
        var folded = ForwardModelTrainer.FoldedCopy(net, hidden, 3, 2, xMean, xStd, yMean, yStd);

        var rng = new Random(1);
        var physical = Enumerable.Range(0, 8 * 3).Select(i => (float)(xMean[i % 3] + xStd[i % 3] * (2 * rng.NextDouble() - 1))).ToArray();
        var got = ForwardModelTrainer.Predict(folded, physical, 3);

        // Reference by hand: standardise, run the original network, de-standardise.
        var standardised = physical.Select((v, i) => (v - xMean[i % 3]) / xStd[i % 3]).ToArray();
        var raw = ForwardModelTrainer.Predict(net, standardised, 3);
        for (int i = 0; i < got.Length; i++)
        {
            double expected = yMean[i % 2] + yStd[i % 2] * raw[i];
            Assert.True(Math.Abs(got[i] - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"element {i}: folded {got[i]} vs {expected}");
        }
    }
}
