using System.Diagnostics;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Tuning;

/// <param name="Steps">Optimiser steps (each one batch of the objective).</param>
/// <param name="LearningRate">Peak rate; null takes the objective's.</param>
public sealed record FineTuneSettings(int Steps, double? LearningRate = null, int Seed = 1);

/// <param name="FirstLoss">Mean loss over the first steps (up to 20); LastLoss the same over the last ones.</param>
public sealed record FineTuneLog(int Steps, double FirstLoss, double LastLoss, TimeSpan Duration);

/// <summary>
/// Fine-tunes a GraphModule on an objective: Adam, short linear warm-up, cosine decay, gradient
/// norm clipped at 1; reports progress (phase "fine-tune"); leaves the module in eval mode.
/// The caller writes the weights back with GraphModule.WriteBack.
/// </summary>
public static class FineTuner
{
    /// <summary>Steps whose losses make FineTuneLog's first and last means.</summary>
    private const int LoggedSteps = 20;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(333);

    public static FineTuneLog Run(GraphModule module, ITuningObjective objective, FineTuneSettings settings, ITrainingProgress progress)
    {
        var clock = Stopwatch.StartNew();
        if (settings.Steps <= 0)
        {
            module.eval();
            return new FineTuneLog(0, double.NaN, double.NaN, clock.Elapsed);
        }
        TorchRuntime.Initialize(settings.Seed);
        var rng = new Random(settings.Seed);
        var schedule = new FineTuneSchedule(settings.LearningRate ?? objective.LearningRate, settings.Steps);
        var parameters = module.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "the model has no trainable weights (float32 initializers of more than one element) to fine-tune",
                file: module.Graph.SourcePath);
        var optimizer = optim.Adam(parameters, schedule.At(1));
        var scaledSteps = InputScaledSteps.Measure(module, objective, rng);
        foreach (var (weight, smallest) in scaledSteps.Summary)
            progress.Log($"fine-tune: steps of '{weight}' scaled by 1 / RMS of the raw input it reads (down to {smallest:G2})");
        var losses = new List<double>(settings.Steps);
        var lastReport = TimeSpan.Zero;
        module.train();
        for (int step = 1; step <= settings.Steps; step++)
        {
            foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.At(step);
            using (NewDisposeScope())
            {
                var loss = objective.Loss(module, rng);
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new EdgeToolkitException(ErrorKind.CheckFailed, $"fine-tuning diverged: the loss is {value} at step {step} of {settings.Steps}",
                        hint: $"lower the learning rate (it peaked at {schedule.Peak:G3})");
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, 1.0);
                scaledSteps.Step(optimizer);
                losses.Add(value);
            }
            if (clock.Elapsed - lastReport >= ReportEvery || step == settings.Steps)
            {
                lastReport = clock.Elapsed;
                progress.Report(new TrainProgress("fine-tune", step, settings.Steps, losses.TakeLast(LoggedSteps).Average(), null, null, clock.Elapsed));
            }
        }
        module.eval();
        int logged = Math.Min(LoggedSteps, losses.Count);
        return new FineTuneLog(settings.Steps, losses.Take(logged).Average(), losses.TakeLast(logged).Average(), clock.Elapsed);
    }
}
