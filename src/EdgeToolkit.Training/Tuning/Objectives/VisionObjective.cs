using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Vision;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// fashion-cnn's training loss (VisionTrainer): label-smoothed cross-entropy on the Fashion-MNIST
/// training images the trainer learnt from (the first 55,000 of the training file; the last 5,000
/// chose its epoch and stay out), with the trainer's augmentation (random shifts, flips) as
/// recorded in config.json. BatchNormalization runs on its stored statistics (the exported graph's
/// inference form); no weight decay.
/// </summary>
public sealed class VisionObjective : ITuningObjective
{
    private const int BatchSize = 64;
    private const double ShareOfTrainingRate = 0.2;
    private static readonly ConcurrentDictionary<string, Lazy<ImageSet>> TrainingFiles = new();

    private readonly ImageSet _train;
    private readonly ValueInfo _input;
    private readonly string _output;
    private readonly double _labelSmoothing;
    private readonly int _maxShift;
    private readonly bool _flip;

    public string Description { get; }
    public double LearningRate { get; }

    public VisionObjective(JsonObject config, ModelGraph graph)
    {
        _input = ImageInput(graph);
        _output = graph.Outputs[0].Name;
        var all = TrainingFiles.GetOrAdd(FashionMnist.Directory, dir => new Lazy<ImageSet>(() => FashionMnist.Load("train", dir))).Value;
        var training = config["training"];
        int trainImages = training?["train_images"]?.GetValue<int>() ?? all.Count - 5_000;
        _train = all.Slice(0, Math.Min(trainImages, all.Count));
        _labelSmoothing = training?["label_smoothing"]?.GetValue<double>() ?? 0;
        (_maxShift, _flip) = Augmentation(training?["augmentation"]?.GetValue<string>(), graph.SourcePath);
        LearningRate = (training?["lr"]?.GetValue<double>() ?? 0.004) * ShareOfTrainingRate;
        var augmentation = new VisionTrainConfig("", 0, 0, 0, 0, 0, _maxShift, _flip, 0).AugmentationText;
        Description = FormattableString.Invariant($"cross-entropy (label smoothing {_labelSmoothing:G2}) on the Fashion-MNIST training split ({_train.Count:N0} images, ") +
                      $"validation images left out), augmentation: {augmentation}; batches of {BatchSize}";
    }

    public Tensor Loss(GraphModule module, Random rng)
    {
        var indices = new int[BatchSize];
        for (int i = 0; i < indices.Length; i++) indices[i] = rng.Next(_train.Count);
        var (x, labels) = VisionTrainer.Batch(_train, indices, rng, _maxShift, _flip);
        var outputs = module.Run(new Dictionary<string, Tensor> { [_input.Name] = GraphBatches.AsInput(_input, x.reshape(BatchSize, -1)) });
        return VisionTrainer.SmoothedCrossEntropy(GraphBatches.AsRows(outputs[_output]), labels, _labelSmoothing);
    }

    /// <summary>
    /// The trainer's shift and flip from config.json's description of them (VisionTrainConfig's own
    /// wording, matched exactly); the trainer's defaults when the config does not say.
    /// </summary>
    private static (int MaxShift, bool Flip) Augmentation(string? text, string? modelPath)
    {
        if (text == null) return (2, true);
        foreach (int shift in Enumerable.Range(0, 9))
            foreach (bool flip in new[] { false, true })
                if (new VisionTrainConfig("", 0, 0, 0, 0, 0, shift, flip, 0).AugmentationText == text) return (shift, flip);
        throw new EdgeToolkitException(ErrorKind.BadInput, $"config.json's training augmentation '{text}' is not one the vision trainer writes",
            file: modelPath, hint: "fine-tune a model trained by `./edgetk train vision` beside its config.json");
    }

    private static ValueInfo ImageInput(ModelGraph graph)
    {
        var input = graph.Inputs.Count == 1 ? graph.Inputs[0] : null;
        if (input == null || input.Type != DataType.Float32 || !input.Shape.IsConcrete || input.Shape.ElementCount != ImageSet.PixelsPerImage || graph.Outputs.Count < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"a Fashion-MNIST model takes one float 1x1x28x28 image and returns logits, this one takes {string.Join(", ", graph.Inputs)}",
                file: graph.SourcePath, hint: "fine-tune a model trained by `./edgetk train vision` beside its config.json");
        return input;
    }
}
