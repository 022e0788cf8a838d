using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Pruning.Budget;
using EdgeToolkit.Training.Evaluation;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>What pruning is judged by, for one graph: size on the target and the task metric.</summary>
/// <param name="FlashBytes">The model's share of flash on the target's ELF (null when not built: --no-measure).</param>
/// <param name="Instructions">Instructions per inference on the emulated board (null off-MCU or with --no-measure).</param>
public sealed record ModelFigures(long Parameters, long Macs, long WeightBytes, long ArenaBytes, long? FlashBytes, long? Instructions,
    double? Metric, int MetricSamples, bool VerifiedAgainstOrt, string? Board);

public static class ModelFigureMeasurement
{
    /// <summary>
    /// Compiles the graph for the target and, unless `build` is off, runs it there on a few seeded inputs against ONNX
    /// Runtime (which also proves the pruned model compiles and runs like any other); scores the data set in ONNX Runtime.
    /// </summary>
    public static ModelFigures Measure(ModelGraph graph, string display, ModelOptions options, bool build, IReadOnlyList<string> inputRanges,
        IEvaluationDataset? dataset, System.Text.Json.Nodes.JsonObject? config, string modelPath, int? limit, Reporter reporter)
    {
        var bytes = OnnxExporter.ToBytes(graph);
        var source = new ModelSource { Display = display, Graph = graph, OnnxBytes = bytes };
        long? flash = null, instructions = null;
        bool verified = false;
        Compilation compilation;
        if (build)
        {
            var result = Verification.Run(source, options, new Verification.Options(Inputs: 2, InputSpecs: inputRanges), reporter);
            compilation = result.Compilation;
            flash = result.Run.FlashBytes;
            instructions = result.Run.InstructionsPerInference;
            verified = result.Ok;
            if (!result.Ok)
                throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the {display} C does not match ONNX Runtime on {options.Target}: {string.Join("; ", result.Comparison.Problems)}",
                    hint: "this is a bug in the pruner or the generator: please report it with the model");
        }
        else compilation = Compiler.Compile(source, options, reporter);

        double? metric = null;
        int samples = 0;
        if (dataset != null)
        {
            reporter.Progress($"scoring {display} on {dataset.Name} ({dataset.Metric}) in ONNX Runtime");
            using var backend = new OrtBackend(graph, bytes);
            var r = dataset.Evaluate(new EvaluationContext { ModelPath = modelPath, Graph = graph, Config = config, Backend = backend, Limit = limit });
            metric = r.Value;
            samples = r.Samples;
        }
        return new ModelFigures(ModelSizeCounter.Parameters(graph), compilation.Code.Macs, compilation.Code.WeightBytes, compilation.Code.ArenaBytes,
            flash, instructions, metric, samples, verified, compilation.Board?.Name);
    }
}
