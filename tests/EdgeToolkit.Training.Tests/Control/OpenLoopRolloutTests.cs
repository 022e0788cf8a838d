using EdgeToolkit.Control.Data;
using EdgeToolkit.Training.Control;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tests.Control;

public class OpenLoopRolloutTests
{
    // Two commands with two lags, one output with three lags: window = u(k-1)[2], u(k-2)[2], y(k), y(k-1), y(k-2).
    private static readonly WindowLayout Layout = new(InputCount: 2, OutputCount: 1, InputLags: 2, OutputLags: 3, InputDelay: 1);

    [Fact]
    public void FeedBackReplacesTheOutputLagsNewestFirstAndLeavesTheCommands()
    {
        float[] data = [1, 2, 3, 4, 10, 11, 12];
        float[][] predicted = [[100], [200], [300], [400]];

        var window = (float[])data.Clone();
        OpenLoopRollout.FeedBack(Layout, window, predicted, 0);
        Assert.Equal(data, window); // the start window is measured throughout

        window = (float[])data.Clone();
        OpenLoopRollout.FeedBack(Layout, window, predicted, 2);
        // Step 2 is at k+2: y(k+2) and y(k+1) are predictions 1 and 0, y(k) is still measured.
        Assert.Equal(new float[] { 1, 2, 3, 4, 200, 100, 12 }, window);

        window = (float[])data.Clone();
        OpenLoopRollout.FeedBack(Layout, window, predicted, 4);
        Assert.Equal(new float[] { 1, 2, 3, 4, 400, 300, 200 }, window);
    }

    [Fact]
    public void StartsStayInsideOneRun()
    {
        Assert.Equal(new[] { 0, 1, 2, 5 }, OpenLoopRollout.Starts(new[] { 5, 3 }, 3));
        Assert.Equal(Enumerable.Range(0, 8), OpenLoopRollout.Starts(new[] { 5, 3 }, 1));
        Assert.Empty(OpenLoopRollout.Starts(new[] { 2, 2 }, 3));
    }

    [Fact]
    public void RolloutFeedsItsOwnPredictionsBack()
    {
        // Model: y(k+1) = y(k) + 1 + u(k-1)[0]. Measured y(k) = 5k, commands u(k) = [k, 0]. From the
        // window at k = 2, the rollout predicts y(2) + sum of (1 + u) over the steps, not 5(k+h) + ...
        var u = Enumerable.Range(0, 8).Select(k => new double[] { k, 0 }).ToArray();
        var y = Enumerable.Range(0, 9).Select(k => new double[] { 5 * k }).ToArray();
        var run = new PlantRun(0, EdgeToolkit.Control.Excitation.ExcitationKind.Chirp, false, u, y);
        var set = WindowSet.FromRuns([run], Layout);
        int f = Layout.FeatureCount;
        float[] Model(float[] x) => Enumerable.Range(0, x.Length / f).Select(i => x[i * f + 4] + 1 + x[i * f]).ToArray();

        int first = 2 - Layout.FirstStep; // window index of k = 2
        var (predicted, targets) = OpenLoopRollout.Run(set, [first], 3, Model);
        // y(3) = 10 + 1 + u(1) = 12; y(4) = 12 + 1 + u(2) = 15; y(5) = 15 + 1 + u(3) = 19.
        Assert.Equal(new float[] { 12, 15, 19 }, predicted);
        Assert.Equal(new float[] { 15, 20, 25 }, targets);
    }

    [Fact]
    public void TorchRolloutLossEqualsTheRolloutOfTheFoldedNetwork()
    {
        // The trainer feeds predictions back on standardised tensors (each output lag in its own
        // column scaling); OpenLoopRollout does it in physical units. Same network, same loss.
        TorchRuntime.Initialize(3);
        var rng = new Random(4);
        var runs = Enumerable.Range(0, 2).Select(r => new PlantRun(r, EdgeToolkit.Control.Excitation.ExcitationKind.Chirp, false,
            Enumerable.Range(0, 12).Select(_ => new[] { rng.NextDouble(), 3 * rng.NextDouble() }).ToArray(),
            Enumerable.Range(0, 13).Select(_ => new[] { 20 + 5 * rng.NextDouble() }).ToArray())).ToList();
        var set = WindowSet.FromRuns(runs, Layout);
        var perRun = OpenLoopRollout.WindowsPerRun(runs, Layout);
        int f = Layout.FeatureCount, steps = 4;
        var (xMean, xStd) = WindowSet.ColumnStats(set.Features, f);
        var (yMean, yStd) = WindowSet.ColumnStats(set.Targets, 1);
        int[] hidden = [5];
        var net = ForwardModelTrainer.Build(f, hidden, 1);
        net.eval();
        var starts = OpenLoopRollout.Starts(perRun, steps);

        double torchLoss;
        using (var x = tensor(set.Features, new long[] { set.Count, f }))
        using (var y = tensor(set.Targets, new long[] { set.Count, 1 }))
        using (var xs = (x - tensor(xMean)) / tensor(xStd))
        using (var ys = (y - tensor(yMean)) / tensor(yStd))
        using (var loss = new RolloutLoss(Layout, xs, ys, xMean, xStd, yMean, yStd, steps, oneStepWeight: 0))
        using (var s = tensor(starts.Select(i => (long)i).ToArray()))
        using (no_grad())
            torchLoss = loss.Loss(net.forward, s, steps).item<float>();

        var folded = ForwardModelTrainer.FoldedCopy(net, hidden, f, 1, xMean, xStd, yMean, yStd);
        var (predicted, targets) = OpenLoopRollout.Run(set, starts, steps, batch => ForwardModelTrainer.Predict(folded, batch, f));
        double expected = predicted.Zip(targets, (p, t) => Math.Pow((p - t) / yStd[0], 2)).Average();
        Assert.Equal(expected, torchLoss, 4);
        Assert.True(expected > 1e-3, "the check needs a network that is wrong somewhere");
    }
}
