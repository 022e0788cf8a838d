using EdgeToolkit.Control.Data;
using EdgeToolkitException = EdgeToolkit.Graph.EdgeToolkitException;
using ErrorKind = EdgeToolkit.Graph.ErrorKind;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// Hyper-parameters of a forward-model MLP. RolloutSteps H = 1 is one-step (teacher-forced)
/// training; H > 1 trains on H-step open-loop rollouts (RolloutLoss), with OneStepWeight of the
/// loss on the first step alone, after a one-step warm-up over the first RolloutWarmup of the steps.
/// </summary>
public sealed record ForwardModelOptions(int[] Hidden, int Steps, int BatchSize, double LearningRate, double FinalLearningRate, int EvaluateEvery,
    int RolloutSteps = 1, double OneStepWeight = 0, double RolloutWarmup = 0);

/// <summary>A figure on held-out data that training reports as it goes (a physical-units network in).</summary>
public sealed record HeldOutMetric(string Name, Func<Sequential, double> Score);

/// <summary>
/// Trains a tanh MLP window -> y(k+1) on standardised inputs and targets (Adam, cosine learning
/// rate; batches of windows, or of rollout starts with RolloutSteps > 1), then folds the
/// standardisation into the first and last Linear layers, so the module maps physical units to
/// physical units. Tanh keeps the network smooth for an analytic Jacobian in the controller.
/// </summary>
public static class ForwardModelTrainer
{
    public sealed record Result(Sequential Network, float[] InputMean, float[] InputStd, float[] OutputMean, float[] OutputStd, long Steps, double FinalLoss);

    public static Sequential Build(int inputs, int[] hidden, int outputs)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int i = 0; i < hidden.Length; i++)
        {
            layers.Add(($"fc{i + 1}", nn.Linear(width, hidden[i])));
            layers.Add(($"act{i + 1}", nn.Tanh()));
            width = hidden[i];
        }
        layers.Add(($"fc{hidden.Length + 1}", nn.Linear(width, outputs)));
        return nn.Sequential(layers);
    }

    /// <param name="windowsPerRun">How many of train's windows each run holds, in order (rollouts stay in one run).</param>
    public static Result Train(WindowSet train, IReadOnlyList<int> windowsPerRun, ForwardModelOptions options, ITrainingProgress progress,
        HeldOutMetric? heldOutMetric = null)
    {
        if (windowsPerRun.Sum() != train.Count)
            throw new ArgumentException($"the runs hold {windowsPerRun.Sum()} windows, the set {train.Count}", nameof(windowsPerRun));
        var startRows = OpenLoopRollout.Starts(windowsPerRun, options.RolloutSteps);
        if (startRows.Length == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no run is long enough for {options.RolloutSteps}-step rollouts", hint: "use fewer rollout steps");
        var layout = train.Layout;
        int f = layout.FeatureCount, ny = layout.OutputCount;
        var (xMean, xStd) = WindowSet.ColumnStats(train.Features, f);
        var (yMean, yStd) = WindowSet.ColumnStats(train.Targets, ny);
        var net = Build(f, options.Hidden, ny);
        var started = DateTime.UtcNow;
        double lastLoss = double.NaN;

        using (var x = Standardise(train.Features, f, xMean, xStd))
        using (var y = Standardise(train.Targets, ny, yMean, yStd))
        using (var rollout = new RolloutLoss(layout, x, y, xMean, xStd, yMean, yStd, options.RolloutSteps, options.OneStepWeight))
        using (var starts = tensor(startRows.Select(i => (long)i).ToArray()))
        {
            var optimizer = optim.Adam(net.parameters(), options.LearningRate);
            var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Steps, options.FinalLearningRate);
            long n = starts.shape[0];
            net.train();
            for (int step = 1; step <= options.Steps; step++)
            {
                bool warmingUp = step <= options.RolloutWarmup * options.Steps;
                using (var scope = NewDisposeScope())
                {
                    var idx = starts.index_select(0, randint(n, new long[] { Math.Min(options.BatchSize, n) }, dtype: ScalarType.Int64));
                    var loss = rollout.Loss(net.forward, idx, warmingUp ? 1 : options.RolloutSteps);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    schedule.step();
                    if (step % 100 == 0 || step == options.Steps) lastLoss = loss.item<float>();
                }
                double? metric = null;
                if (heldOutMetric != null && (step % options.EvaluateEvery == 0 || step == options.Steps))
                {
                    net.eval();
                    var folded = FoldedCopy(net, options.Hidden, f, ny, xMean, xStd, yMean, yStd);
                    metric = heldOutMetric.Score(folded);
                    folded.Dispose();
                    net.train();
                }
                if (step % 250 == 0 || step == options.Steps || metric != null)
                    progress.Report(new TrainProgress(warmingUp || options.RolloutSteps == 1 ? "train" : "rollout", step, options.Steps, lastLoss, metric != null ? heldOutMetric!.Name : null, metric, DateTime.UtcNow - started));
            }
        }
        net.eval();
        var physical = FoldedCopy(net, options.Hidden, f, ny, xMean, xStd, yMean, yStd);
        net.Dispose();
        return new Result(physical, xMean, xStd, yMean, yStd, options.Steps, lastLoss);
    }

    /// <summary>
    /// A copy of the network whose first layer takes physical inputs and whose last layer emits
    /// physical outputs: W1' = W1 / std_x (per column), b1' = b1 - W1' mean_x;
    /// W_L' = std_y W_L (per row), b_L' = std_y b_L + mean_y.
    /// </summary>
    public static Sequential FoldedCopy(Sequential net, int[] hidden, int inputs, int outputs, float[] xMean, float[] xStd, float[] yMean, float[] yStd)
    {
        var copy = Build(inputs, hidden, outputs);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var source = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in copy.named_parameters()) p.copy_(source[name]);
        var linears = copy.children().OfType<Linear>().ToList();
        var first = linears[0];
        var last = linears[^1];
        {
            var mean = tensor(xMean).to(ScalarType.Float64);
            var std = tensor(xStd).to(ScalarType.Float64);
            var w = first.weight!.to(ScalarType.Float64) / std.unsqueeze(0);
            var b = first.bias!.to(ScalarType.Float64) - w.matmul(mean);
            first.weight!.copy_(w.to(ScalarType.Float32));
            first.bias!.copy_(b.to(ScalarType.Float32));
        }
        {
            var mean = tensor(yMean).to(ScalarType.Float64);
            var std = tensor(yStd).to(ScalarType.Float64);
            var w = last.weight!.to(ScalarType.Float64) * std.unsqueeze(1);
            var b = last.bias!.to(ScalarType.Float64) * std + mean;
            last.weight!.copy_(w.to(ScalarType.Float32));
            last.bias!.copy_(b.to(ScalarType.Float32));
        }
        copy.eval();
        return copy;
    }

    /// <summary>Runs a physical-units network on row-major windows.</summary>
    public static float[] Predict(Sequential net, float[] features, int featureCount)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = tensor(features, new long[] { features.Length / featureCount, featureCount });
        return net.forward(x).contiguous().data<float>().ToArray();
    }

    private static Tensor Standardise(float[] data, int columns, float[] mean, float[] std)
    {
        using var scope = NewDisposeScope();
        var t = tensor(data, new long[] { data.Length / columns, columns });
        return ((t - tensor(mean)) / tensor(std)).MoveToOuterDisposeScope();
    }
}
