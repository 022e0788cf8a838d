using System.Diagnostics;
using System.Globalization;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Cli.Pruning;
using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Schedules;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Commands;

public sealed class PruneCommand : ICommand
{
    public string Name => "prune";
    public string Summary => "structured pruning: remove whole channels, heads and feed-forward units (coupled groups), fine-tune, and report size, speed and accuracy before and after";
    public string Usage => """
        usage: ./edgetk prune MODEL --keep F [--method adaptive|l1|taylor] [--round-to N] [--finetune-steps N]
                              [--dataset NAME] [--calibration DATA] [--target T] [--board B] [--limit N] [--max-drop F]
                              [--state IN=OUT] [--no-measure] [--seed S] -o OUTPUT [--json]
               ./edgetk prune MODEL --keep F --unstructured -o OUTPUT [--json]

        Removes whole hidden channels so that the model is physically smaller: Gemm/MatMul units, Conv output
        channels, attention heads, feed-forward widths and residual-stream channels. Channels that must go
        together (joined by Add, Mul, Concat, normalisation, depthwise convs, residuals, a recurrent cache) are
        found from the graph and pruned as one group; widths that touch the model's inputs or outputs stay.
        MODEL: an .onnx file or a model folder of the zoo (then fine-tuning uses the model's own training data
        and loss, and the metric is its card's data set).
        --keep F: fraction of the parameters kept (0 < F <= 1), not of the widths.
        --method [adaptive]: adaptive (Adapt-Pruner: per-layer keep ratios from each layer's importance, measured as
                 the loss increase when that layer alone is thinned; about 5% of the parameters removed per step,
                 fine-tuning in between); l1 (the same ratio everywhere, channels ranked by the L1 norm of their
                 weights, one shot); taylor (the same ratio everywhere, channels ranked by first-order Taylor
                 importance on data, one shot). Channels within a layer are ranked by Taylor importance when there
                 are data (a zoo model), by activation magnitude when distilling, else by weight magnitude.
        --round-to N [4]: kept widths are multiples of N channels (the int8 and float kernels work in 4s).
        --finetune-steps N [1000]: fine-tuning steps in all (adaptive spends 60% of them between its steps).
                 A zoo model trains on its own data; any other model is distilled from the unpruned one on
                 --calibration DATA (a folder of .pb inputs, a data set's training split) or random inputs.
        --dataset NAME: the metric's data set (default: the card's); --limit N scores only the first N samples.
        --max-drop F: exit 1 when the metric drops by more than F (points for accuracy and F1, a fraction of
                 the unpruned value for errors such as nrmse).
        --target T [cortex-m4], --board B: where flash, arena and instructions are measured (the pruned model is
                 compiled and checked against ONNX Runtime there). --no-measure skips the board runs.
        --state IN=OUT: a recurrent state pair whose width may shrink (a zoo decoder's caches are known).
        -o OUTPUT: an .onnx file, or a folder (model.onnx, the zoo folder's config.json, card.md with a pruning section).
        --unstructured: zero the smallest weights instead (masks). Reported honestly: without sparse kernels
                 this saves no flash and no time, and the report measures exactly that.
        """;

    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>
    {
        "keep", "method", "round-to", "finetune-steps", "dataset", "calibration", "target", "board", "limit", "max-drop", "state", "seed",
    };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "no-measure", "unstructured" };

    public int Run(Args args, Reporter reporter)
    {
        var clock = Stopwatch.StartNew();
        var source = ModelSource.Load(args.Positional(0, "MODEL (an .onnx file or a model folder)"));
        var output = args.Get("output") ?? throw Args.Usage("missing -o OUTPUT", "e.g. -o model.pruned.onnx, or -o DIR to write a model folder");
        double keep = args.GetDouble("keep", double.NaN);
        if (!(keep > 0 && keep <= 1)) throw Args.Usage($"--keep takes the fraction of parameters kept, in (0, 1]; got {args.Get("keep") ?? "nothing"}", "e.g. --keep 0.5");
        var folder = Directory.Exists(source.Display) ? source.Display : null;
        var modelPath = folder != null ? Path.Combine(folder, ModelFolder.ModelFile) : source.Display;
        var config = File.Exists(modelPath) ? ModelFolder.ReadConfig(modelPath) : null;
        var datasetName = args.Get("dataset") ?? (source.CardPath != null ? ModelCard.ReadDataset(source.CardPath) : null);
        var dataset = datasetName != null ? QuantizeData.Dataset(datasetName) : null;
        int? limit = args.Get("limit") != null ? args.GetInt("limit", 0) : null;
        if (limit is <= 0) throw Args.Usage("--limit takes a positive number of samples");
        var target = args.Get("target") ?? "cortex-m4";
        var modelOptions = new ModelOptions { Target = target, Board = args.Get("board") };
        bool build = !args.Flag("no-measure");
        var states = StatePairs(args, source.Graph);
        var ranges = InputRanges(source.Graph);
        int seed = args.GetInt("seed", 1);

        var context = new PruneContext(source, modelPath, config, dataset, limit, modelOptions, build, ranges, reporter);
        reporter.Progress($"measuring {source.Display} before pruning on {target}");
        var before = context.Measure(source.Graph, source.Display);

        PruneReport report;
        if (args.Flag("unstructured"))
        {
            foreach (var o in new[] { "method", "finetune-steps", "round-to", "calibration", "state" })
                if (args.Get(o) != null) throw Args.Usage($"--{o} does not apply to --unstructured", "unstructured pruning zeroes weights in place and does not fine-tune");
            var masked = UnstructuredSparsity.Apply(source.Graph, keep);
            reporter.Progress("measuring the masked model");
            var after = context.Measure(masked.Graph, output);
            report = PruneReport.Unstructured(source.Display, output, keep, target, modelOptions.Board, before, after, masked, dataset);
            Write(output, masked.Graph, folder, report);
        }
        else
        {
            var method = Method(args.Get("method") ?? "adaptive");
            int steps = args.GetInt("finetune-steps", 1000);
            if (steps < 0) throw Args.Usage("--finetune-steps takes a non-negative number");
            var options = new PruneOptions(keep, method, args.GetInt("round-to", 4), steps);
            if (options.RoundTo < 1) throw Args.Usage("--round-to takes a positive number of channels");
            var objective = Objective(source.Graph, config, args.Get("calibration"), seed);
            var scoring = config != null && !(objective.Description.StartsWith("distillation", StringComparison.Ordinal))
                ? TorchPruningHost.UnitScoring.Taylor
                : args.Get("calibration") != null ? TorchPruningHost.UnitScoring.Activation : TorchPruningHost.UnitScoring.Magnitude;
            if (method == PruneMethod.Taylor && scoring != TorchPruningHost.UnitScoring.Taylor)
                throw Args.Usage("--method taylor needs a model with its own task data (a zoo model folder)",
                    "Taylor importance needs a loss with labels; for other models use --method adaptive or l1");
            reporter.Progress($"pruning {source.Display} to {keep:P0} of its parameters ({MethodName(method)}); fine-tuning: {objective.Description}");
            var host = new TorchPruningHost(objective, scoring, seed, reporter);
            var outcome = new Pruner(host, options, states).Run(source.Graph.Clone());
            reporter.Progress($"measuring the pruned model on {target}");
            var after = context.Measure(outcome.Graph, output);
            report = PruneReport.Structured(source.Display, output, options, target, modelOptions.Board, before, after, outcome, dataset,
                objective.Description, scoring.ToString().ToLowerInvariant());
            Write(output, outcome.Graph, folder, report);
        }

        var maxDrop = args.Get("max-drop") != null ? args.GetDouble("max-drop", 0) : (double?)null;
        bool ok = report.CheckDrop(maxDrop);
        report.Seconds = clock.Elapsed.TotalSeconds;
        if (reporter.Json) reporter.WriteJson(report.ToJson(ok));
        else report.Print(reporter, ok);
        return ok ? 0 : 1;
    }

    private static void Write(string output, ModelGraph graph, string? folder, PruneReport report) =>
        QuantizedOutput.Write(output, Onnx.OnnxExporter.ToBytes(graph), folder, report.CardSection());

    private static PruneMethod Method(string name) => name switch
    {
        "adaptive" => PruneMethod.Adaptive,
        "l1" => PruneMethod.L1,
        "taylor" => PruneMethod.Taylor,
        _ => throw Args.Usage($"--method {name}: unknown method", "use adaptive, l1 or taylor"),
    };

    public static string MethodName(PruneMethod m) => m switch
    {
        PruneMethod.Adaptive => "adaptive",
        PruneMethod.L1 => "l1",
        _ => "taylor",
    };

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
    private static List<(string Input, string Output)> StatePairs(Args args, ModelGraph graph)
    {
        var pairs = new List<(string, string)>();
        foreach (var spec in args.GetAll("state").SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = spec.Split('=');
            if (parts.Length != 2 || !graph.IsGraphInput(parts[0]) || graph.Outputs.All(o => o.Name != parts[1]))
                throw Args.Usage($"--state {spec}: expected INPUT=OUTPUT naming a graph input and a graph output",
                    $"inputs: {string.Join(", ", graph.Inputs.Select(i => i.Name))}; outputs: {string.Join(", ", graph.Outputs.Select(o => o.Name))}");
            pairs.Add((parts[0], parts[1]));
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
internal sealed record PruneContext(ModelSource Source, string ModelPath, System.Text.Json.Nodes.JsonObject? Config, IEvaluationDataset? Dataset,
    int? Limit, ModelOptions Options, bool Build, IReadOnlyList<string> Ranges, Reporter Reporter)
{
    public ModelFigures Measure(ModelGraph graph, string display) =>
        ModelFigureMeasurement.Measure(graph, display, Options, Build, Ranges, Dataset, Config, ModelPath, Limit, Reporter);
}
