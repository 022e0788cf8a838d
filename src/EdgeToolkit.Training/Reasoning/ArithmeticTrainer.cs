using System.Diagnostics;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Reasoning;

public sealed record TrainingSettings(int Steps, int BatchSize, double LearningRate, int WarmupSteps, double WeightDecay,
    int EvalEvery, int EvalSamples, bool Scratchpad, int Seed);

public sealed record TrainingLog(int Steps, TimeSpan Duration, double FinalLoss, IReadOnlyList<string> Checkpoints);

/// <summary>
/// The training loop: seeded problem stream (each row's operation drawn with OpShares), loss on
/// answer tokens only, AdamW with linear warmup and cosine decay, gradient clipping,
/// and greedy held-out exact match on a subset every EvalEvery steps (a step count, not a timer,
/// so the schedule does not depend on machine load).
/// </summary>
public static class ArithmeticTrainer
{
    /// <summary>Share of training rows per operation (add, sub, mul). Subtraction learns slowest (a negative result
    /// needs the comparison of the operands before its first digit), so it gets the most rows.</summary>
    public static readonly double[] OpShares = { 0.25, 0.45, 0.30 };

    /// <summary>The operation of one training row, drawn with OpShares (fine-tuning draws its rows the same way).</summary>
    public static ArithmeticOp SampleOp(Random rng)
    {
        double u = rng.NextDouble();
        for (int i = 0; i < OpShares.Length - 1; i++) { if (u < OpShares[i]) return ArithmeticData.Ops[i]; u -= OpShares[i]; }
        return ArithmeticData.Ops[^1];
    }

    public static TrainingLog Train(TinyDecoder model, TrainingSettings s, ITrainingProgress progress)
    {
        var rng = new Random(s.Seed);
        var watch = Stopwatch.StartNew();
        var parameters = model.parameters().ToList();
        var decay = parameters.Where(p => p.dim() >= 2).ToList();
        var noDecay = parameters.Where(p => p.dim() < 2).ToList();
        var optimizer = optim.AdamW(new[]
        {
            new TorchSharp.Modules.AdamW.ParamGroup(decay, new TorchSharp.Modules.AdamW.Options { weight_decay = s.WeightDecay }),
            new TorchSharp.Modules.AdamW.ParamGroup(noDecay, new TorchSharp.Modules.AdamW.Options { weight_decay = 0 }),
        }, lr: s.LearningRate, beta1: 0.9, beta2: 0.98);
        var checkpoints = new List<string>();
        double smoothLoss = double.NaN;
        double? lastMetric = null;
        var lastReport = TimeSpan.Zero;
        model.train();
        for (int step = 1; step <= s.Steps; step++)
        {
            double lr = LearningRateAt(step, s);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            using (var scope = NewDisposeScope())
            {
                var problems = Enumerable.Range(0, s.BatchSize)
                    .Select(_ => ArithmeticData.SampleTraining(rng, SampleOp(rng))).ToList();
                var (inputs, targets, mask) = ArithmeticBatch.Make(problems, s.Scratchpad);
                var logits = model.forward(inputs);
                var perToken = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), targets.view(-1), reduction: nn.Reduction.None);
                var loss = (perToken * mask.view(-1)).sum() / mask.sum();
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, 1.0);
                optimizer.step();
                double l = loss.item<float>();
                smoothLoss = double.IsNaN(smoothLoss) ? l : 0.98 * smoothLoss + 0.02 * l;
            }
            if (s.EvalEvery > 0 && (step % s.EvalEvery == 0 || step == s.Steps))
            {
                var scores = EvaluateSubset(model, s.EvalSamples, s.Scratchpad);
                lastMetric = scores.Values.Min();
                var line = $"step {step}: loss {smoothLoss:F4}, held-out exact match (first {s.EvalSamples}) " +
                           string.Join(", ", scores.Select(kv => $"{kv.Key} {kv.Value:P1}")) + $", {watch.Elapsed.TotalSeconds:F0} s";
                checkpoints.Add(line);
                progress.Log(line);
            }
            if (watch.Elapsed - lastReport > TimeSpan.FromMilliseconds(300) || step == s.Steps)
            {
                lastReport = watch.Elapsed;
                progress.Report(new TrainProgress("train", step, s.Steps, smoothLoss, "exact_match_min", lastMetric, watch.Elapsed));
            }
        }
        model.eval();
        return new TrainingLog(s.Steps, watch.Elapsed, smoothLoss, checkpoints);
    }

    public static double LearningRateAt(int step, TrainingSettings s)
    {
        if (step <= s.WarmupSteps) return s.LearningRate * step / Math.Max(1, s.WarmupSteps);
        double progress = (double)(step - s.WarmupSteps) / Math.Max(1, s.Steps - s.WarmupSteps);
        double floor = 0.02 * s.LearningRate;
        return floor + 0.5 * (s.LearningRate - floor) * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }

    /// <summary>Greedy exact match (final answer) on the first n held-out problems of each operation, full-sequence forward.</summary>
    public static IReadOnlyDictionary<string, double> EvaluateSubset(TinyDecoder model, int n, bool scratchpad)
    {
        var result = new Dictionary<string, double>();
        foreach (var op in ArithmeticData.Ops)
        {
            var problems = ArithmeticData.HeldOut(op).Take(n).ToList();
            var generated = TorchGreedyDecoder.Decode(model, ArithmeticScoring.Prompts(problems), ArithmeticData.MaxContext);
            result[op.ToString().ToLowerInvariant()] = ArithmeticScoring.Compute(problems, generated, scratchpad).ExactMatch;
        }
        return result;
    }
}
