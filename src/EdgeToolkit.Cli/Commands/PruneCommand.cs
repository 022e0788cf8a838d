using EdgeToolkit.Cli.Pruning;
using EdgeToolkit.Pruning.Schedules;

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
        --finetune-steps N: fine-tuning steps in all (adaptive spends 60% of them between its steps). Default by the
                 zoo model's task: control 16000, health 1000, vision 4000, reasoning 2000; any other model 1000.
                 A zoo model trains on its own data; any other model is distilled from the unpruned one on
                 --calibration DATA (a folder of .pb inputs, a data set's training split) or random inputs.
        --time-weight W [0.5]: adaptive only: a cut's saving is its share of the parameters plus W times its share
                 of the estimated instructions on an MCU (0: parameters only, as --keep counts; 1: time as much as flash).
        --lr R: fine-tuning peak learning rate (default: a fifth to a quarter of the model's training rate).
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
        "keep", "method", "round-to", "finetune-steps", "dataset", "calibration", "target", "board", "limit", "max-drop", "state", "seed", "lr", "time-weight",
    };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "no-measure", "unstructured" };

    public int Run(Args args, Reporter reporter)
    {
        var keep = args.GetDouble("keep", double.NaN);
        bool unstructured = args.Flag("unstructured");
        if (unstructured)
            foreach (var o in new[] { "method", "finetune-steps", "round-to", "calibration", "state" })
                if (args.Get(o) != null) throw Args.Usage($"--{o} does not apply to --unstructured", "unstructured pruning zeroes weights in place and does not fine-tune");
        int? steps = args.Get("finetune-steps") != null ? args.GetInt("finetune-steps", 0) : null;
        if (steps < 0) throw Args.Usage("--finetune-steps takes a non-negative number");
        int? limit = args.Get("limit") != null ? args.GetInt("limit", 0) : null;
        if (limit is <= 0) throw Args.Usage("--limit takes a positive number of samples");
        var request = new PruneRequest
        {
            Model = args.Positional(0, "MODEL (an .onnx file or a model folder)"),
            Output = args.Get("output") ?? throw Args.Usage("missing -o OUTPUT", "e.g. -o model.pruned.onnx, or -o DIR to write a model folder"),
            Keep = keep, Method = Method(args.Get("method") ?? "adaptive"), Unstructured = unstructured,
            RoundTo = args.GetInt("round-to", 4), FineTuneSteps = steps, Dataset = args.Get("dataset"), Calibration = args.Get("calibration"),
            Limit = limit, Target = args.Get("target") ?? "cortex-m4", Board = args.Get("board"), Build = !args.Flag("no-measure"),
            States = args.GetAll("state"), Seed = args.GetInt("seed", 1),
            LearningRate = args.Get("lr") != null ? args.GetDouble("lr", 0) : null,
            TimeWeight = args.GetDouble("time-weight", 0.5),
        };
        var report = PruneRun.Execute(request, reporter);
        var maxDrop = args.Get("max-drop") != null ? args.GetDouble("max-drop", 0) : (double?)null;
        bool ok = report.CheckDrop(maxDrop);
        if (reporter.Json) reporter.WriteJson(report.ToJson(ok));
        else report.Print(reporter, ok);
        return ok ? 0 : 1;
    }

    public static PruneMethod Method(string name) => name switch
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

}
