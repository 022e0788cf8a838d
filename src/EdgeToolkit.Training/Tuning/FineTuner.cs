using EdgeToolkit.Training.Zoo;

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
    public static FineTuneLog Run(GraphModule module, ITuningObjective objective, FineTuneSettings settings, ITrainingProgress progress) =>
        throw new NotImplementedException();
}
