using System.Diagnostics;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Health;

public sealed record HealthTransformerTrainConfig(HealthTransformerConfig Model, int Epochs = 40, int BatchSize = 64,
    double LearningRate = 3e-3, double WeightDecay = 1e-2, double ClipNorm = 1.0);

/// <summary>
/// Trains a HealthTransformer the way HealthTrainer trains the MLP (same scaled windows, balanced
/// class weights per task, the epoch with the best mean validation macro-F1 kept), with what
/// attention layers want on top: a one-cycle learning rate (warm-up, then cosine decay) and
/// gradient-norm clipping.
/// </summary>
public static class HealthTransformerTrainer
{
    public static HealthTransformer Train(HealthTransformerTrainConfig cfg, FeatureScaling scaling, HealthSplitData data, ITrainingProgress progress, Stopwatch clock)
    {
        var trainX = data.Train.Select(w => scaling.Apply(w.Input)).ToList();
        var valX = data.Validation.Select(w => scaling.Apply(w.Input)).ToList();
        int n = trainX.Count, inputs = trainX[0].Length;
        var net = new HealthTransformer(data.Spec.Window, cfg.Model);
        var optimizer = optim.AdamW(net.parameters(), cfg.LearningRate, weight_decay: cfg.WeightDecay);
        int batchesPerEpoch = (n + cfg.BatchSize - 1) / cfg.BatchSize;
        long steps = (long)cfg.Epochs * batchesPerEpoch, step = 0;
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, cfg.LearningRate, total_steps: (int)steps);

        using var x = tensor(trainX.SelectMany(v => v).ToArray(), new long[] { n, inputs });
        using var xv = tensor(valX.SelectMany(v => v).ToArray(), new long[] { valX.Count, inputs });
        var y = new Tensor[HealthLabels.Tasks];
        var classWeights = new Tensor[HealthLabels.Tasks];
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var labels = data.Train.Select(w => w.Labels[t]).ToList();
            y[t] = tensor(labels.Select(v => (long)v).ToArray());
            var counts = Enumerable.Range(0, HealthLabels.Classes).Select(c => Math.Max(1, labels.Count(v => v == c))).ToArray();
            classWeights[t] = tensor(counts.Select(c => (float)(n / (double)(HealthLabels.Classes * c))).ToArray());
        }

        double bestF1 = double.NegativeInfinity;
        Dictionary<string, Tensor>? best = null;
        var shuffle = new Random(data.Spec.Seed + 11);
        var order = Enumerable.Range(0, n).ToArray();
        var lastReport = TimeSpan.Zero;
        for (int epoch = 0; epoch < cfg.Epochs; epoch++)
        {
            net.train();
            shuffle.Shuffle(order);
            double epochLoss = 0; int batches = 0;
            for (int start = 0; start < n; start += cfg.BatchSize)
            {
                using var scope = NewDisposeScope();
                var idx = tensor(order.Skip(start).Take(cfg.BatchSize).Select(i => (long)i).ToArray());
                var logits = net.forward(x.index_select(0, idx));
                Tensor? loss = null;
                for (int t = 0; t < HealthLabels.Tasks; t++)
                {
                    var part = logits.narrow(1, t * HealthLabels.Classes, HealthLabels.Classes);
                    var l = nn.functional.cross_entropy(part, y[t].index_select(0, idx), classWeights[t]);
                    loss = loss is null ? l : loss + l;
                }
                optimizer.zero_grad();
                loss!.backward();
                nn.utils.clip_grad_norm_(net.parameters(), cfg.ClipNorm);
                optimizer.step();
                schedule.step();
                epochLoss += loss.item<float>(); batches++; step++;
                if (clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(300))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new TrainProgress("train", step, steps, epochLoss / batches, "val_macro_f1", best == null ? null : bestF1, clock.Elapsed));
                }
            }
            double f1 = Score(net, xv, data.Validation).MeanMacroF1;
            if (f1 > bestF1)
            {
                bestF1 = f1;
                foreach (var t in best?.Values ?? Enumerable.Empty<Tensor>()) t.Dispose();
                best = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            if (epoch % 10 == 9 || epoch == cfg.Epochs - 1)
                progress.Log($"epoch {epoch + 1}: loss {epochLoss / batches:F4}, validation mean macro-F1 {f1:F3} (best {bestF1:F3})");
        }
        if (best != null) { net.load_state_dict(best); foreach (var t in best.Values) t.Dispose(); }
        foreach (var t in y.Concat(classWeights)) t.Dispose();
        net.eval();
        return net;
    }

    public static TaskScores Score(HealthTransformer net, Tensor x, IReadOnlyList<HealthWindow> windows)
    {
        net.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = net.forward(x).data<float>().ToArray();
        int width = HealthLabels.Tasks * HealthLabels.Classes;
        var predicted = Enumerable.Range(0, windows.Count).Select(i => Enumerable.Range(0, HealthLabels.Tasks)
            .Select(t => ClassificationMetrics.ArgMax(logits.AsSpan(i * width + t * HealthLabels.Classes, HealthLabels.Classes))).ToArray()).ToList();
        return TaskScores.Of(windows.Select(w => w.Labels).ToList(), predicted);
    }
}
