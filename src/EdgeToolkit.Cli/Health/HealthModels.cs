using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Cli.Pruning;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Targets;
using EdgeToolkit.Training;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Health;

/// <summary>The model folders the demo compares: the MLP, its pruned and int8 builds, and the transformer variant (float and int8).</summary>
public sealed record HealthModelSet(string Mlp, string Pruned, string Int8, string? Transformer, string? TransformerInt8,
    PruneReport Prune, TimeSpan TrainTime, bool Trained);

/// <summary>
/// Step 1 of the demo: train (or take the shipped models), prune the MLP to half its parameters with fine-tuning, and
/// quantize the pruned MLP and the transformer statically to int8 on the training people's windows.
/// </summary>
public static class HealthModels
{
    public const string ShippedMlp = "models/health-events", ShippedTransformer = "models/health-transformer";

    public static HealthModelSet Prepare(HealthDemoOptions o, Reporter reporter)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string mlp, transformer;
        if (o.Trains)
        {
            mlp = Train(o, "mlp", Path.Combine(o.Output, "mlp"), reporter);
            transformer = Train(o, "transformer", Path.Combine(o.Output, "transformer"), reporter);
        }
        else
        {
            mlp = Path.Combine(RepoPaths.Root, ShippedMlp);
            transformer = Path.Combine(RepoPaths.Root, ShippedTransformer);
            reporter.Progress($"models: the shipped {ShippedMlp} and {ShippedTransformer} (--retrain trains both from scratch)");
        }
        var trainTime = clock.Elapsed;
        var hasTransformer = File.Exists(Path.Combine(transformer, ModelFolder.ModelFile));

        reporter.Progress($"pruning the MLP to {HealthDemoOptions.Keep:P0} of its parameters (adaptive, with fine-tuning), measured on the {o.Board}");
        var pruned = Path.Combine(o.Output, "mlp-pruned");
        var prune = PruneRun.Execute(new PruneRequest
        {
            Model = mlp, Output = pruned, Keep = HealthDemoOptions.Keep, Target = "cortex-m4", Board = o.Board, Seed = o.Seed,
            FineTuneSteps = o.Quick ? 20 : null,
        }, reporter);

        var int8 = Path.Combine(o.Output, "mlp-pruned-int8");
        Quantize(pruned, int8, reporter);
        string? transformerInt8 = null;
        if (hasTransformer)
        {
            transformerInt8 = Path.Combine(o.Output, "transformer-int8");
            // Its day embedding reads raw readings (steps beside 0/1 flags) through Slice/Reshape, where input equalization
            // does not reach: in int8 one scale zeroes the small features (0.30 macro-F1), so it stays float (0.54).
            Quantize(transformer, transformerInt8, reporter, exclude: ["day_embed"]);
        }
        return new HealthModelSet(mlp, pruned, int8, hasTransformer ? transformer : null, transformerInt8, prune, trainTime, o.Trains);
    }

    private static string Train(HealthDemoOptions o, string arch, string output, Reporter reporter)
    {
        reporter.Progress($"training the health {arch} with TorchSharp into {output}{(o.PmData != null ? $" on PMData at {o.PmData}" : "")}");
        var options = new Dictionary<string, string> { ["arch"] = arch };
        if (o.PmData != null) options["data"] = o.PmData;
        var progress = new TrainingProgressPrinter();
        TorchRuntime.Initialize(o.Seed);
        try
        {
            ZooRegistry.Tasks["health"].Train(new TrainContext
            {
                OutputDir = output, Seed = o.Seed, Options = options, Quick = o.Quick, Progress = progress,
                Command = $"./edgetk train health --arch {arch}{(o.PmData != null ? $" --data {o.PmData}" : "")} -o {output}",
            });
        }
        finally { progress.Finish(); }
        return output;
    }

    /// <summary>Static int8 (per-channel weights, min/max ranges) calibrated on 200 training-people windows: what `quantize --calibration health` does.</summary>
    public static void Quantize(string folder, string output, Reporter reporter, IReadOnlyCollection<string>? exclude = null)
    {
        reporter.Progress($"quantizing {folder} to int8 (static, calibrated on the training people's windows)");
        var source = ModelSource.Load(folder);
        var config = ModelFolder.ReadConfig(QuantizeCommand.OnnxPath(source));
        var calibration = QuantizeData.Calibration("health", config, 1);
        var quantizer = StaticQuantizer.Calibrate(source.Graph, calibration, new StaticQuantizationOptions { Progress = reporter.Progress, Exclude = exclude ?? [] });
        var model = quantizer.Build((exclude ?? []).ToHashSet());
        ModelOutput.Write(output, OnnxExporter.ToBytes(model.Graph), folder,
            $"## Quantized by demo health\n\nStatic int8 (per-channel weights, min/max activation ranges, {quantizer.SamplesSeen} calibration windows of the training people): " +
            $"the same as `./edgetk quantize {folder} --calibration health{(exclude is { Count: > 0 } ? " --exclude " + string.Join(",", exclude) : "")} -o {output}`.");
    }
}
