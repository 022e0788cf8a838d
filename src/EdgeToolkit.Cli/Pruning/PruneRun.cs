using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Schedules;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Tuning.Objectives;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Pruning;

/// <summary>One prune run as the command line describes it (the benchmark builds them too).</summary>
public sealed record PruneRequest
{
    public required string Model { get; init; }
    /// <summary>Where the pruned model goes (an .onnx file or a folder); null writes nothing.</summary>
    public string? Output { get; init; }
    public required double Keep { get; init; }
    public PruneMethod Method { get; init; } = PruneMethod.Adaptive;
    public bool Unstructured { get; init; }
    public int RoundTo { get; init; } = 4;
    /// <summary>Null: the default for the model's task (FineTuneDefaults).</summary>
    public int? FineTuneSteps { get; init; }
    public string? Dataset { get; init; }
    public string? Calibration { get; init; }
    public int? Limit { get; init; }
    public string Target { get; init; } = "cortex-m4";
    public string? Board { get; init; }
    public bool Build { get; init; } = true;
    public IReadOnlyList<string> States { get; init; } = Array.Empty<string>();
    public int Seed { get; init; } = 1;
    /// <summary>Fine-tuning peak learning rate; null takes the objective's.</summary>
    public double? LearningRate { get; init; }
    /// <summary>Adaptive: how much instructions saved count against parameters saved (PruneOptions.TimeWeight).</summary>
    public double TimeWeight { get; init; } = 0.5;
}

/// <summary>
/// Measures a model, prunes it (structured, or masked with Unstructured), measures the result the
/// same way on the same target and data set, and writes it: the whole of `prune`.
/// </summary>
public static class PruneRun
{
    public static PruneReport Execute(PruneRequest r, Reporter reporter)
    {
        var clock = Stopwatch.StartNew();
        if (!(r.Keep > 0 && r.Keep <= 1)) throw Args.Usage($"--keep takes the fraction of parameters kept, in (0, 1]; got {r.Keep}", "e.g. --keep 0.5");
        if (r.RoundTo < 1) throw Args.Usage("--round-to takes a positive number of channels");
        var source = ModelSource.Load(r.Model);
        var folder = Directory.Exists(source.Display) ? source.Display : null;
        var modelPath = folder != null ? Path.Combine(folder, ModelFolder.ModelFile) : source.Display;
        var config = File.Exists(modelPath) ? ModelFolder.ReadConfig(modelPath) : null;
        var datasetName = r.Dataset ?? (source.CardPath != null ? ModelCard.ReadDataset(source.CardPath) : null);
        var dataset = datasetName != null ? QuantizeData.Dataset(datasetName) : null;
        var modelOptions = new ModelOptions { Target = r.Target, Board = r.Board };
        var states = StatePairs(r.States, source.Graph);
        var context = new PruneContext(source, modelPath, config, dataset, r.Limit, modelOptions, r.Build, InputRanges(source.Graph), reporter);
        reporter.Progress($"measuring {source.Display} before pruning on {r.Target}");
        var before = context.Measure(source.Graph, source.Display);
        var display = r.Output ?? $"{source.Display} (pruned)";

        PruneReport report;
        ModelGraph pruned;
        if (r.Unstructured)
        {
            var masked = UnstructuredSparsity.Apply(source.Graph, r.Keep);
            reporter.Progress("measuring the masked model");
            var after = context.Measure(masked.Graph, display);
            report = PruneReport.Unstructured(source.Display, display, r.Keep, r.Target, r.Board, before, after, masked, dataset);
            pruned = masked.Graph;
        }
        else
        {
            var options = new PruneOptions(r.Keep, r.Method, r.RoundTo, r.FineTuneSteps ?? FineTuneDefaults.For(config), TimeWeight: r.TimeWeight);
            var objective = Objective(source.Graph, config, r.Calibration, r.Seed);
            bool ownTask = objective is not DistillationObjective;
            var scoring = ownTask ? TorchPruningHost.UnitScoring.Taylor
                : r.Calibration != null ? TorchPruningHost.UnitScoring.Activation : TorchPruningHost.UnitScoring.Magnitude;
            if (r.Method == PruneMethod.Taylor && !ownTask)
                throw Args.Usage("--method taylor needs a model with its own task data (a zoo model folder)",
                    "Taylor importance needs a loss with labels; for other models use --method adaptive or l1");
            reporter.Progress($"pruning {source.Display} to {r.Keep:P0} of its parameters ({PruneCommand.MethodName(r.Method)}); fine-tuning: {objective.Description}");
            var host = new TorchPruningHost(objective, scoring, r.Seed, reporter, r.LearningRate);
            var outcome = new Pruner(host, options, states).Run(source.Graph.Clone());
            reporter.Progress($"measuring the pruned model on {r.Target}");
            var after = context.Measure(outcome.Graph, display);
            report = PruneReport.Structured(source.Display, display, options, r.Target, r.Board, before, after, outcome, dataset,
                objective.Description, scoring.ToString().ToLowerInvariant());
            pruned = outcome.Graph;
        }
        if (r.Output != null) ModelOutput.Write(r.Output, Onnx.OnnxExporter.ToBytes(pruned), folder, report.CardSection());
        report.Seconds = clock.Elapsed.TotalSeconds;
        return report;
    }

    private static ITuningObjective Objective(ModelGraph graph, System.Text.Json.Nodes.JsonObject? config, string? calibration, int seed)
    {
        DistillationInputs inputs;
        if (calibration != null)
        {
            var src = QuantizeData.Calibration(calibration, config, seed);
            inputs = new DistillationInputs(src.Samples(graph, 2048).ToList(), src.Description);
        }
        else inputs = new DistillationInputs(null, "random inputs, uniform in [-1, 1]");
        return TuningObjectives.For(graph, config, graph.Clone(), inputs, seed);
    }

    /// <summary>--state pairs, plus a zoo decoder's caches (its config names them).</summary>
    private static List<(string Input, string Output)> StatePairs(IReadOnlyList<string> specs, ModelGraph graph)
    {
        var pairs = new List<(string, string)>();
        foreach (var pair in EdgeToolkit.Targets.Running.StatePairs.Parse(specs))
        {
            if (!graph.IsGraphInput(pair.Input) || graph.Outputs.All(o => o.Name != pair.Output))
                throw Args.Usage($"--state {pair.Input}={pair.Output}: expected INPUT=OUTPUT naming a graph input and a graph output",
                    $"inputs: {string.Join(", ", graph.Inputs.Select(i => i.Name))}; outputs: {string.Join(", ", graph.Outputs.Select(o => o.Name))}");
            pairs.Add((pair.Input, pair.Output));
        }
        if (DecoderStates(graph) is { } decoder) pairs.AddRange(decoder);
        return pairs.Distinct().ToList();
    }

    /// <summary>A decoder step exported by the zoo (token, position, past_*/present_* pairs).</summary>
    private static IEnumerable<(string, string)>? DecoderStates(ModelGraph graph)
    {
        var pairs = graph.Inputs.Where(i => i.Name.StartsWith("past_", StringComparison.Ordinal))
            .Select(i => (i.Name, "present_" + i.Name["past_".Length..]))
            .Where(p => graph.Outputs.Any(o => o.Name == p.Item2)).ToList();
        return pairs.Count > 0 ? pairs : null;
    }

    /// <summary>Integer inputs of a decoder step get their valid ranges for the board check (token ids, positions).</summary>
    private static List<string> InputRanges(ModelGraph graph)
    {
        var ranges = new List<string>();
        var past = graph.Inputs.FirstOrDefault(i => i.Name.StartsWith("past_", StringComparison.Ordinal));
        foreach (var i in graph.Inputs.Where(i => i.Type == DataType.Int64))
        {
            if (i.Name == "position" && past?.Shape.IsConcrete == true) ranges.Add($"position=0..{past.Shape.ToConcrete()[1] - 1}");
            if (i.Name == "token")
            {
                var vocab = graph.Nodes.FirstOrDefault(n => n.OpType == "Gather" && n.Inputs[1] == i.Name && graph.IsInitializer(n.Inputs[0]));
                if (vocab != null) ranges.Add($"token=0..{graph.Initializers[vocab.Inputs[0]].Shape[0] - 1}");
            }
        }
        return ranges;
    }
}

/// <summary>The fixed part of a prune run's measurements (model, data set, target), applied to the graph before and after.</summary>
internal sealed record PruneContext(ModelSource Source, string ModelPath, JsonObject? Config, IEvaluationDataset? Dataset,
    int? Limit, ModelOptions Options, bool Build, IReadOnlyList<string> Ranges, Reporter Reporter)
{
    public ModelFigures Measure(ModelGraph graph, string display) =>
        ModelFigureMeasurement.Measure(graph, display, Options, Build, Ranges, Dataset, Config, ModelPath, Limit, Reporter);
}
