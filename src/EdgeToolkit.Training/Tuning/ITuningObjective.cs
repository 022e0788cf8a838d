using TorchSharp;

namespace EdgeToolkit.Training.Tuning;

/// <summary>
/// What fine-tuning minimises: a zoo task's own loss on its own training data, or distillation
/// from the unpruned model. Draws its own batches, so the tuner and the importance measurement
/// (ChannelStatistics) need nothing else.
/// </summary>
public interface ITuningObjective
{
    /// <summary>One line for the report, e.g. "cross-entropy on the Fashion-MNIST training split (55,000 images), batches of 64".</summary>
    string Description { get; }
    /// <summary>Adam learning rate that suits fine-tuning this model (a fraction of its training rate).</summary>
    double LearningRate { get; }
    /// <summary>The loss of one freshly drawn training batch, through module.Run (keeps autograd history for backward).</summary>
    torch.Tensor Loss(GraphModule module, Random rng);
}
