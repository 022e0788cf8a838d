using EdgeToolkit.Graph;
using EdgeToolkit.Training.Tuning;
using Xunit.Abstractions;

namespace EdgeToolkit.Training.Tests.Tuning;

public class BatchNormRecalibrationTests(ITestOutputHelper output)
{
    private static readonly DistillationInputs NoSamples = new(null, "unused");

    /// <summary>
    /// A bias-free conv scaled by 3 feeds its BatchNorm inputs 3x larger: with the stored statistics the network breaks;
    /// re-estimated ones (mean x3, variance x9) normalise the scale away, so the loss returns to the trained model's.
    /// </summary>
    [Fact]
    public void RecalibratedStatisticsUndoAShiftedInputDistribution()
    {
        TorchRuntime.Initialize(1);
        var (graph, config, _) = ZooModels.Load("fashion-cnn");
        var objective = TuningObjectives.For(graph, config, graph, NoSamples, 1);
        var conv = graph.Nodes.First(n => n.OpType == "Conv" && n.Name == "conv3");
        Assert.False(conv.HasInput(2), "the zoo CNN's convs have no bias (BatchNorm follows)");
        var bn = graph.Nodes.First(n => n.OpType == "BatchNormalization" && n.Inputs[0] == conv.Outputs[0]);
        var shifted = graph.Clone();
        shifted.Initializers[conv.Inputs[1]] = Tensor.FromFloats(graph.Initializers[conv.Inputs[1]].Shape, graph.Initializers[conv.Inputs[1]].Floats.Select(v => 3 * v).ToArray());

        double trained = ObjectivesTests.MeanLoss(objective, graph, 4), stale = ObjectivesTests.MeanLoss(objective, shifted, 4);
        var recalibrated = shifted.Clone();
        Assert.Equal(7, BatchNormRecalibration.Run(recalibrated, objective, 6, new Random(3)));
        double fixedLoss = ObjectivesTests.MeanLoss(objective, recalibrated, 4);
        output.WriteLine($"loss: trained {trained:G4}, conv3 x3 with stored statistics {stale:G4}, recalibrated {fixedLoss:G4}");
        Assert.True(stale > trained + 0.5, "the stale statistics must hurt for the test to mean anything");
        Assert.True(fixedLoss < trained + 0.1, $"recalibration should restore the loss: {fixedLoss} vs {trained}");

        // The re-estimated variance of conv3's BatchNorm is about 9 times the stored one.
        var stored = graph.Initializers[bn.Inputs[4]].Floats;
        var estimated = recalibrated.Initializers[bn.Inputs[4]].Floats;
        double ratio = Enumerable.Range(0, stored.Length).Select(c => estimated[c] / stored[c]).OrderBy(r => r).ElementAt(stored.Length / 2);
        Assert.InRange(ratio, 9 * 0.7, 9 * 1.3);
    }

    [Fact]
    public void AGraphWithoutBatchNormIsLeftAlone()
    {
        var (graph, config, _) = ZooModels.Load("control-msd");
        var before = graph.Initializers.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(0, BatchNormRecalibration.Run(graph, TuningObjectives.For(graph, config, graph, NoSamples, 1), 2, new Random(1)));
        Assert.All(before, kv => Assert.Same(kv.Value, graph.Initializers[kv.Key]));
    }
}
