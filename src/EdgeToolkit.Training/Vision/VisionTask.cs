using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Export;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Vision;

/// <summary>
/// `edgetk train vision`: a small CNN for Fashion-MNIST (under 100,000 parameters) that fits a
/// Cortex-M4. Holds out the last 5,000 training images for validation (weight selection) and
/// reports accuracy on the 10,000 test images, measured with ONNX Runtime on the exported model.
/// </summary>
public sealed class VisionTask : IZooTask
{
    public const string InputName = "image", OutputName = "logits";
    private const int ValidationImages = 5_000;

    public string Name => "vision";
    public string Summary => "Fashion-MNIST CNN (<100k parameters, 1x1x28x28 input scaled to [0,1]) for microcontrollers";
    public IReadOnlyList<TrainOption> Options { get; } = new TrainOption[]
    {
        new("epochs", "10", "passes over the 55,000 training images"),
        new("lr", "0.004", "peak learning rate of the one-cycle schedule (AdamW)"),
        new("batch", "128", "images per step"),
        new("layout", "16,16,M,32,32,M,48,64,64", "conv widths (3x3 conv + BatchNorm + ReLU) and M for 2x2 max pooling; global average pooling and a linear layer follow"),
        new("weight-decay", "0.05", "AdamW weight decay"),
        new("label-smoothing", "0.1", "label smoothing of the cross-entropy"),
        new("shift", "2", "augmentation: random shifts of up to this many pixels (0: none)"),
        new("flip", "true", "augmentation: random horizontal flips"),
    };

    public string DefaultOutput(TrainContext context) => "models/fashion-cnn";

    public TrainOutcome Train(TrainContext context)
    {
        var clock = Stopwatch.StartNew();
        TorchRuntime.Initialize(context.Seed);
        var config = new VisionTrainConfig(
            Layout: context.Option(this, "layout"),
            Epochs: context.Quick ? 1 : context.IntOption(this, "epochs"),
            BatchSize: context.Quick ? 16 : context.IntOption(this, "batch"), // Quick: enough steps to learn something from 1,000 images
            MaxLr: context.DoubleOption(this, "lr"),
            WeightDecay: context.DoubleOption(this, "weight-decay"),
            LabelSmoothing: context.DoubleOption(this, "label-smoothing"),
            MaxShift: context.IntOption(this, "shift"),
            Flip: context.Option(this, "flip") is "true" or "1" or "yes",
            Seed: context.Seed);
        if (config.Epochs < 1 || config.BatchSize < 1 || config.MaxLr <= 0)
            throw new Graph.EdgeToolkitException(Graph.ErrorKind.BadInput, "--epochs, --batch and --lr must be positive");

        var progress = context.Progress;
        progress.Report(new TrainProgress("data", 0, 1, null, null, null, clock.Elapsed));
        var all = FashionMnist.Load("train");
        var trainCount = all.Count - ValidationImages;
        var train = all.Slice(0, context.Quick ? 1_000 : trainCount);
        var validation = all.Slice(trainCount, context.Quick ? 500 : ValidationImages);
        progress.Log($"fashion-mnist: {train.Count} training images, {validation.Count} validation images (the last of the training file)");

        var model = FashionCnn.Build(config.Layout);
        long parameters = FashionCnn.ParameterCount(model);
        progress.Log($"model: {config.Layout}, {parameters:N0} parameters");
        var trainer = new VisionTrainer(config, progress);
        trainer.Train(model, train, validation);
        var trainingTime = clock.Elapsed;
        double validationAccuracy = trainer.History.Max(h => h.ValidationAccuracy);

        progress.Report(new TrainProgress("export", 0, 1, null, null, null, clock.Elapsed));
        var graph = TorchExporter.Export(model, "fashion_cnn", InputName, new long[] { 1, 1, ImageSet.Side, ImageSet.Side }, OutputName);

        progress.Report(new TrainProgress("evaluate", 0, 1, null, null, null, clock.Elapsed));
        EvaluationResult test;
        using (var backend = new OrtBackend(graph))
            test = new FashionMnistDataset().Evaluate(new EvaluationContext
            {
                ModelPath = Path.Combine(context.OutputDir, ModelFolder.ModelFile), Graph = graph, Backend = backend,
                Limit = context.Quick ? 1_000 : null, Progress = progress,
            });
        progress.Log($"test accuracy (ONNX Runtime on the exported model, {test.Samples} images): {test.Value:P2}");

        var card = Card(config, parameters, test, validationAccuracy, trainer.History, context, train.Count, validation.Count);
        card.TrainingTime = trainingTime;
        var (modelPath, cardPath, _) = ModelFolder.Write(context.OutputDir, graph, card, Config(config, train.Count, validation.Count, context.Seed));
        var metrics = new Dictionary<string, double>
        {
            ["test_accuracy"] = test.Value,
            ["validation_accuracy"] = validationAccuracy,
            ["parameters"] = parameters,
        };
        return new TrainOutcome(modelPath, cardPath, metrics, clock.Elapsed);
    }

    /// <summary>Timings on a shared machine are inflated; the card says by how much the machine was busy.</summary>
    private static string LoadNote()
    {
        try
        {
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return $"Load average when training ended: {load} on {Environment.ProcessorCount} cores (training time grows with it).";
        }
        catch (IOException) { return ""; }
    }

    private ModelCard Card(VisionTrainConfig c, long parameters, EvaluationResult test, double validationAccuracy,
        IReadOnlyList<(int Epoch, double Loss, double ValidationAccuracy)> history, TrainContext context, int trainCount, int validationCount)
    {
        var card = new ModelCard
        {
            Title = "fashion-cnn: Fashion-MNIST classifier for microcontrollers",
            Summary = "A small convolutional network that classifies 28x28 grey images of clothing into the ten Fashion-MNIST classes. " +
                      "It has under 100,000 parameters and compiles to C for a Cortex-M4 (BatchNorm folds into the convolutions). " +
                      (context.Quick ? "**Quick run (1,000 training images, one epoch): its figures are not the model's.**" : ""),
            Dataset = "fashion-mnist",
            Metric = "accuracy",
            Data = $"""
                Fashion-MNIST from Debian's `dataset-fashion-mnist` package ({FashionMnist.DefaultDirectory}, idx files).
                Training: the first {trainCount:N0} images of the 60,000-image training file; validation (choice of the epoch whose
                weights are kept): the last {validationCount:N0} of that file; test: the 10,000 images of t10k, never used in training.
                Augmentation during training: {c.AugmentationText}.

                **Input**: `{InputName}`, float32 [1, 1, 28, 28] (NCHW), pixel / 255 so values lie in [0, 1], no mean subtraction.
                **Output**: `{OutputName}`, float32 [1, 10], unnormalized scores; the class is the argmax, in the order
                {string.Join(", ", FashionMnist.ClassNames.Select((n, i) => $"{i} {n}"))}.
                """,
            Architecture = FashionCnn.Describe(c.Layout) + $"\n\n{parameters:N0} trainable parameters (the size table also counts BatchNorm's running statistics). Layout string: `{c.Layout}`. Convolutions have no bias (BatchNorm follows); the exported ONNX keeps BatchNormalization nodes, which the compiler folds into the convolutions.",
        };
        card.AddMetric("test accuracy (%)", test.Value * 100, $"ONNX Runtime on model.onnx, {test.Samples:N0} test images (`edgetk evaluate MODEL --dataset fashion-mnist`)", "F2");
        card.AddMetric("validation accuracy (%)", validationAccuracy * 100, $"{validationCount:N0} held-out training images, TorchSharp, best epoch", "F2");
        var perClass = string.Join("\n", FashionMnist.ClassNames.Select((name, i) =>
            string.Create(CultureInfo.InvariantCulture, $"| {i} | {name} | {test.Details[$"accuracy_class_{i}"] * 100:F1} % |")));
        card.Sections.Add(("Per-class test accuracy", $"| class | name | accuracy |\n|---:|---|---:|\n{perClass}"));
        var epochs = string.Join("\n", history.Select(h => string.Create(CultureInfo.InvariantCulture, $"| {h.Epoch} | {h.Loss:F4} | {h.ValidationAccuracy * 100:F2} % |")));
        card.Sections.Add(("Training run", string.Create(CultureInfo.InvariantCulture,
            $"AdamW (weight decay {c.WeightDecay}), one-cycle schedule peaking at {c.MaxLr} after 25% of the steps, batch {c.BatchSize}, {c.Epochs} epochs, " +
            $"cross-entropy with label smoothing {c.LabelSmoothing}, seed {context.Seed}. {LoadNote()}\n\n| epoch | training loss | validation accuracy |\n|---:|---:|---:|\n{epochs}")));
        card.RetrainCommand = context.Command.Length > 0 ? context.Command : "./edgetk train vision -o models/fashion-cnn";
        return card;
    }

    private static JsonObject Config(VisionTrainConfig c, int trainCount, int validationCount, int seed) => new()
    {
        ["task"] = "vision",
        ["dataset"] = "fashion-mnist",
        ["input"] = new JsonObject
        {
            ["name"] = InputName, ["type"] = "float32", ["shape"] = new JsonArray(1, 1, 28, 28), ["layout"] = "NCHW",
            ["scale"] = 1.0 / 255, ["range"] = new JsonArray(0.0, 1.0), ["preprocessing"] = "pixel / 255, no mean subtraction",
        },
        ["output"] = new JsonObject
        {
            ["name"] = OutputName, ["shape"] = new JsonArray(1, 10), ["meaning"] = "logits; the class is the argmax",
            ["classes"] = new JsonArray(FashionMnist.ClassNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        },
        ["training"] = new JsonObject
        {
            ["layout"] = c.Layout, ["epochs"] = c.Epochs, ["batch"] = c.BatchSize, ["lr"] = c.MaxLr, ["optimizer"] = "AdamW",
            ["schedule"] = "one-cycle", ["weight_decay"] = c.WeightDecay, ["label_smoothing"] = c.LabelSmoothing,
            ["augmentation"] = c.AugmentationText, ["seed"] = seed,
            ["train_images"] = trainCount, ["validation_images"] = validationCount,
        },
    };
}
