using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Control;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// A control forward model's own training loss on its own training runs (ControlTask): MSE on
/// targets standardised with config.json's "scaling", one-step, or over the same H-step open-loop
/// rollouts (RolloutLoss, same share on the first step) when the model was trained with them.
/// Fine-tuning skips the trainer's one-step warm-up: the model it starts from is already trained.
/// The exported graph takes raw windows and returns physical units (the scaling is folded into its
/// first and last Gemm), so raw windows go in and the outputs are standardised here.
/// </summary>
public sealed class ControlObjective : ITuningObjective
{
    /// <summary>
    /// Of the trainer's peak rate. A pruned forward model must relearn a precise map with fewer units: at a fifth of
    /// the rate, 8,000 steps left pruned msd models at 0.11-0.15% nrmse, at half 0.09-0.12%, at the full rate
    /// 0.095% (the unpruned model: 0.093%). Warm-up and cosine decay make that a short retraining.
    /// </summary>
    private const double ShareOfTrainingRate = 1.0;

    private readonly ValueInfo _input;
    private readonly string _output;
    private readonly RolloutLoss _rollout;
    private readonly Tensor _starts, _yMean, _yStd;
    private readonly int _steps, _batch;

    public string Description { get; }
    public double LearningRate { get; }

    public ControlObjective(JsonObject config, ModelGraph graph)
    {
        var plant = config["plant"]?.GetValue<string>()
            ?? throw new EdgeToolkitException(ErrorKind.BadInput, "config.json of a control model names no plant", file: graph.SourcePath,
                hint: "a control model's config.json has \"plant\": \"msd\", \"tendon\" or \"hasel\"");
        if (config["scaling"]?["folded_into_model"]?.GetValue<bool>() == false)
            throw new EdgeToolkitException(ErrorKind.BadInput, "config.json says the scaling is not folded into the model; fine-tuning feeds raw windows",
                file: graph.SourcePath, hint: "retrain it with `./edgetk train control`, which folds the scaling into the first and last Gemm");
        var (setup, _, _) = ControlModelConfig.ReadSetup(config, plant);
        var data = ControlTrainingWindows.For(setup);
        var layout = data.Windows.Layout;
        _input = SingleWindowInput(graph, layout.FeatureCount, plant);
        _output = config["model_output"]?.GetValue<string>() is { } named && graph.Outputs.Any(o => o.Name == named) ? named : graph.Outputs[0].Name;

        var training = config["training"];
        _steps = training?["rollout_steps"]?.GetValue<int>() ?? 1;
        double oneStepWeight = training?["one_step_weight"]?.GetValue<double>() ?? 0;
        _batch = training?["batch_size"]?.GetValue<int>() ?? 256;
        LearningRate = (training?["learning_rate"]?.GetValue<double>() ?? 0.003) * ShareOfTrainingRate;

        var (yMean, yStd) = TargetScaling(config, data.Windows);
        var starts = OpenLoopRollout.Starts(data.WindowsPerRun, _steps);
        if (starts.Length == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no {plant} training run is long enough for {_steps}-step rollouts", file: graph.SourcePath);
        _starts = tensor(starts.Select(s => (long)s).ToArray()).DetachFromDisposeScope();
        _yMean = tensor(yMean).DetachFromDisposeScope();
        _yStd = tensor(yStd).DetachFromDisposeScope();
        int f = layout.FeatureCount, m = layout.OutputCount;
        var x = tensor(data.Windows.Features, new long[] { data.Windows.Count, f }).DetachFromDisposeScope();
        var y = ((tensor(data.Windows.Targets, new long[] { data.Windows.Count, m }) - _yMean) / _yStd).DetachFromDisposeScope();
        // The windows stay raw (the graph takes them so): an identity input scaling makes RolloutLoss
        // feed a prediction back as y_std * std + mean, the raw value the graph expects in its window.
        _rollout = new RolloutLoss(layout, x, y, new float[f], Enumerable.Repeat(1f, f).ToArray(), yMean, yStd, _steps, oneStepWeight);

        int runs = data.WindowsPerRun.Length;
        Description = (_steps > 1
                ? FormattableString.Invariant($"MSE on standardised targets over {_steps}-step open-loop rollouts ({oneStepWeight:G3} of it on the first step), as in training")
                : "one-step MSE on standardised targets, as in training") +
            $", on the {plant} training runs ({runs} runs, {data.Windows.Count} windows, data seed {setup.Experiment.Seed}), batches of {_batch}";
    }

    public Tensor Loss(GraphModule module, Random rng)
    {
        var rows = _starts.index_select(0, GraphBatches.DrawIndices(rng, _starts.shape[0], _batch));
        return _rollout.Loss(window => Standardised(module, window), rows, _steps);
    }

    private Tensor Standardised(GraphModule module, Tensor window)
    {
        var outputs = module.Run(new Dictionary<string, Tensor> { [_input.Name] = GraphBatches.AsInput(_input, window) });
        return (GraphBatches.AsRows(outputs[_output]) - _yMean) / _yStd;
    }

    /// <summary>config.json's scaling (what training used); recomputed from the regenerated windows when absent.</summary>
    private static (float[] Mean, float[] Std) TargetScaling(JsonObject config, WindowSet windows)
    {
        var mean = config["scaling"]?["output_mean"]?.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
        var std = config["scaling"]?["output_std"]?.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
        int m = windows.Layout.OutputCount;
        return mean?.Length == m && std?.Length == m ? (mean, std) : WindowSet.ColumnStats(windows.Targets, m);
    }

    private static ValueInfo SingleWindowInput(ModelGraph graph, int features, string plant)
    {
        if (graph.Inputs.Count != 1 || graph.Outputs.Count < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, "a control forward model has one input (the window) and one output (y(k+1))", file: graph.SourcePath);
        var input = graph.Inputs[0];
        if (input.Type != DataType.Float32 || !input.Shape.IsConcrete || input.Shape.ElementCount != features)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"input '{input.Name}' is {input.Type.OnnxName()}{input.Shape}, but the {plant} window has {features} float features ([1, {features}])",
                file: graph.SourcePath, hint: "fine-tune a model trained by `./edgetk train control` beside its config.json");
        return input;
    }
}
