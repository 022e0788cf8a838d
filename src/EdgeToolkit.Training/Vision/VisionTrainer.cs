using System.Diagnostics;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Vision;

/// <param name="MaxShift">Random shift of up to this many pixels (a random crop of the zero-padded image); 0 for none.</param>
/// <param name="Flip">Random horizontal flips.</param>
public sealed record VisionTrainConfig(string Layout, int Epochs, int BatchSize, double MaxLr, double WeightDecay, double LabelSmoothing, int MaxShift, bool Flip, int Seed)
{
    public string AugmentationText => MaxShift == 0 && !Flip ? "none"
        : string.Join(", ", new[] { MaxShift > 0 ? $"random shifts of up to {MaxShift} pixels (random crop of the image padded with {MaxShift} zero pixels)" : null, Flip ? "horizontal flips" : null }.Where(x => x != null));
}

/// <summary>
/// Trains the CNN: AdamW under a one-cycle schedule, label smoothing, light augmentation (random
/// shifts, horizontal flips). Keeps the weights of the epoch with the best
/// validation accuracy.
/// </summary>
public sealed class VisionTrainer
{
    private readonly VisionTrainConfig _config;
    private readonly ITrainingProgress _progress;
    public List<(int Epoch, double Loss, double ValidationAccuracy)> History { get; } = new();

    public VisionTrainer(VisionTrainConfig config, ITrainingProgress progress) { _config = config; _progress = progress; }

    public void Train(nn.Module<Tensor, Tensor> model, ImageSet train, ImageSet validation)
    {
        var c = _config;
        int stepsPerEpoch = (train.Count + c.BatchSize - 1) / c.BatchSize;
        long totalSteps = (long)stepsPerEpoch * c.Epochs;
        var optimizer = optim.AdamW(model.parameters(), lr: c.MaxLr, weight_decay: c.WeightDecay);
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: c.MaxLr, total_steps: (int)totalSteps, pct_start: 0.25);
        var rng = new Random(c.Seed);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        double bestAccuracy = -1, lastAccuracy = double.NaN;
        Dictionary<string, Tensor>? best = null;
        long step = 0;
        for (int epoch = 1; epoch <= c.Epochs; epoch++)
        {
            model.train();
            var order = Enumerable.Range(0, train.Count).ToArray();
            rng.Shuffle(order);
            double lossSum = 0; int lossCount = 0;
            for (int start = 0; start < train.Count; start += c.BatchSize)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(c.BatchSize, train.Count - start);
                var (x, y) = Batch(train, order.AsSpan(start, n), rng, c.MaxShift, c.Flip);
                var logits = model.forward(x);
                var loss = SmoothedCrossEntropy(logits, y, c.LabelSmoothing);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                schedule.step();
                step++;
                lossSum += loss.item<float>(); lossCount++;
                if (clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(300))
                {
                    lastReport = clock.Elapsed;
                    _progress.Report(new TrainProgress("train", step, totalSteps, lossSum / lossCount, "val_accuracy", double.IsNaN(lastAccuracy) ? null : lastAccuracy, clock.Elapsed));
                }
            }
            lastAccuracy = Accuracy(model, validation, out _);
            History.Add((epoch, lossSum / lossCount, lastAccuracy));
            _progress.Log($"epoch {epoch}/{c.Epochs}: loss {lossSum / lossCount:F4}, validation accuracy {lastAccuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
            if (lastAccuracy >= bestAccuracy)
            {
                bestAccuracy = lastAccuracy;
                if (best != null) foreach (var t in best.Values) t.Dispose();
                best = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
        }
        if (best != null)
        {
            model.load_state_dict(best);
            foreach (var t in best.Values) t.Dispose();
        }
        model.eval();
    }

    /// <summary>Cross-entropy against labels smoothed towards the uniform distribution.</summary>
    internal static Tensor SmoothedCrossEntropy(Tensor logits, Tensor labels, double smoothing)
    {
        var logp = nn.functional.log_softmax(logits, 1);
        var nll = -logp.gather(1, labels.unsqueeze(1)).mean();
        return smoothing > 0 ? nll * (1 - smoothing) - logp.mean() * smoothing : nll;
    }

    /// <summary>Images (pixel / 255) with the augmentation drawn from rng, and their labels.</summary>
    internal static (Tensor X, Tensor Y) Batch(ImageSet set, ReadOnlySpan<int> indices, Random rng, int maxShift, bool flip)
    {
        const int side = ImageSet.Side;
        var x = new float[indices.Length * ImageSet.PixelsPerImage];
        var y = new long[indices.Length];
        for (int b = 0; b < indices.Length; b++)
        {
            int i = indices[b];
            y[b] = set.Labels[i];
            int dx = 0, dy = 0; bool mirror = false;
            if (maxShift > 0) { dx = rng.Next(-maxShift, maxShift + 1); dy = rng.Next(-maxShift, maxShift + 1); }
            if (flip) mirror = rng.Next(2) == 1;
            int src = i * ImageSet.PixelsPerImage, dst = b * ImageSet.PixelsPerImage;
            for (int r = 0; r < side; r++)
            {
                int sr = r + dy;
                if ((uint)sr >= side) continue; // zero padding
                for (int col = 0; col < side; col++)
                {
                    int sc = (mirror ? side - 1 - col : col) + dx;
                    if ((uint)sc < side) x[dst + r * side + col] = set.Pixels[src + sr * side + sc] / 255f;
                }
            }
        }
        return (tensor(x, new long[] { indices.Length, 1, side, side }), tensor(y));
    }

    /// <summary>Top-1 accuracy in eval mode; also the predicted class of every image.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, ImageSet set, out int[] predictions)
    {
        model.eval();
        predictions = new int[set.Count];
        int correct = 0;
        using (no_grad())
        {
            for (int start = 0; start < set.Count; start += 500)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(500, set.Count - start);
                var x = new float[n * ImageSet.PixelsPerImage];
                for (int p = 0; p < x.Length; p++) x[p] = set.Pixels[start * ImageSet.PixelsPerImage + p] / 255f;
                var predicted = model.forward(tensor(x, new long[] { n, 1, ImageSet.Side, ImageSet.Side })).argmax(1).data<long>().ToArray();
                for (int k = 0; k < n; k++)
                {
                    predictions[start + k] = (int)predicted[k];
                    if (predicted[k] == set.Labels[start + k]) correct++;
                }
            }
        }
        return (double)correct / set.Count;
    }
}
