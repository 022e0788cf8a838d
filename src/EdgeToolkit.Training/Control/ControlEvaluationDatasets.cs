using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// One-step prediction on the held-out runs of a plant's identification experiment (regenerated
/// from the seed in config.json). nrmse_pct_range: per output, RMSE / (max - min of that output
/// on the held-out runs) * 100; the value is the worst output. All selected windows go through
/// the backend in one call; a subset is spread evenly over the held-out runs. On ONNX Runtime the
/// details add rollout20_nrmse_pct_range: the same metric over 20-step open-loop rollouts
/// (OpenLoopRollout), the error a predictive controller actually inverts.
/// </summary>
public abstract class ControlEvaluationDataset : IEvaluationDataset, ICalibrationSamples
{
    protected abstract string Plant { get; }
    public string Name => "control-" + Plant;
    public string Summary => $"one-step prediction y(k+1) of the '{Plant}' plant on held-out excitation runs";
    public string Metric => "nrmse_pct_range";
    public bool HigherIsBetter => false;
    public int DefaultSamples(string target) => target is "ort" or "host" ? 2000 : 200;

    public EvaluationResult Evaluate(EvaluationContext context)
    {
        var configPlant = context.Config?["plant"]?.GetValue<string>();
        if (configPlant != null && configPlant != Plant)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the model's config.json is for plant '{configPlant}', not '{Plant}'",
                file: context.ModelPath, hint: $"evaluate it with --dataset control-{configPlant}");
        var (setup, _, _) = ControlModelConfig.ReadSetup(context.Config, Plant);
        var heldOut = ControlHeldOut.Build(Plant, setup);
        var layout = heldOut.Windows.Layout;

        if (context.Graph.Inputs.Count != 1 || context.Graph.Outputs.Count < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, "a control forward model has one input (the window) and one output (y(k+1))", file: context.ModelPath);
        var input = context.Graph.Inputs[0];
        var shape = input.Shape;
        if (!shape.HasRank || shape.Rank != 2 || !shape[1].IsKnown || shape[1].Value != layout.FeatureCount)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"input '{input.Name}' has shape {shape}, but the {Plant} window has {layout.FeatureCount} features ([1, {layout.FeatureCount}])",
                file: context.ModelPath, hint: $"train it with `./edgetk train control --plant {Plant}`, or keep config.json beside a model with another window");

        var indices = heldOut.SpreadIndices(context.SampleCount(this, heldOut.Windows.Count));
        var (x, y) = heldOut.Select(indices);
        int f = layout.FeatureCount, ny = layout.OutputCount;
        context.Progress.Report(new Zoo.TrainProgress("evaluate", 0, indices.Length, null, null, null, TimeSpan.Zero));
        var predicted = RunBatch(context, x, f, ny);

        var perOutput = heldOut.Score(predicted, y);
        var persistence = heldOut.Score(heldOut.Persistence(x), y);
        var details = new Dictionary<string, double>();
        for (int c = 0; c < ny; c++)
        {
            var name = heldOut.Plant.Outputs[c].Name;
            details[$"nrmse_pct_range_{name}"] = perOutput[c];
            details[$"range_{name}"] = heldOut.RangeMax[c] - heldOut.RangeMin[c];
            details[$"persistence_nrmse_pct_range_{name}"] = persistence[c];
            // The sensor noise on y(k+1) alone costs this much; no one-step predictor gets below it.
            details[$"noise_floor_pct_range_{name}"] = heldOut.Plant.Outputs[c].NoiseStd / Math.Max(heldOut.RangeMax[c] - heldOut.RangeMin[c], 1e-12) * 100;
        }
        details["persistence_nrmse_pct_range"] = persistence.Max();
        details["held_out_windows"] = heldOut.Windows.Count;
        // A rollout is OpenLoopRollout.MetricSteps sequential rounds through the backend: on ONNX
        // Runtime only, where a round costs nothing (an emulated board would restart each time).
        if (context.Backend.Target == "ort")
        {
            int starts = heldOut.RolloutStarts(OpenLoopRollout.MetricSteps, indices.Length).Length;
            context.Progress.Report(new Zoo.TrainProgress("rollout", 0, starts, null, null, null, TimeSpan.Zero));
            var rollout = heldOut.RolloutScore(OpenLoopRollout.MetricSteps, indices.Length, batch => RunBatch(context, batch, f, ny));
            for (int c = 0; c < ny; c++) details[$"{OpenLoopRollout.MetricName}_{heldOut.Plant.Outputs[c].Name}"] = rollout[c];
            details[OpenLoopRollout.MetricName] = rollout.Max();
            details["rollout_starts"] = starts;
        }
        return new EvaluationResult(Name, Metric, perOutput.Max(), indices.Length, details,
            indices.Length < heldOut.Windows.Count ? $"{indices.Length} of {heldOut.Windows.Count} held-out windows, spread evenly over the runs" : null);
    }

    /// <summary>Row-major windows through the backend, one case each; row-major outputs back.</summary>
    private float[] RunBatch(EvaluationContext context, float[] x, int f, int ny)
    {
        var input = context.Graph.Inputs[0];
        int n = x.Length / f;
        var cases = new List<IReadOnlyDictionary<string, Tensor>>(n);
        for (int i = 0; i < n; i++)
            cases.Add(new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloats(new[] { 1, f }, x.AsSpan(i * f, f).ToArray()) });
        var outputs = context.Backend.Run(cases);
        var outputName = context.Graph.Outputs[0].Name;
        var predicted = new float[n * ny];
        for (int i = 0; i < outputs.Count; i++)
        {
            var o = outputs[i][outputName].ToFloatArray();
            if (o.Length != ny)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"output '{outputName}' has {o.Length} values, the {Plant} plant has {ny} outputs", file: context.ModelPath);
            Array.Copy(o, 0, predicted, i * ny, ny);
        }
        return predicted;
    }

    /// <summary>Windows of the experiment's training runs (the held-out runs are skipped), regenerated from config.json.</summary>
    public IEnumerable<IReadOnlyDictionary<string, Tensor>> CalibrationInputs(ModelGraph graph, JsonObject? config, int count, int seed)
    {
        var input = CalibrationDraw.SingleInput(graph, Name);
        var (setup, _, _) = ControlModelConfig.ReadSetup(config, Plant);
        var plant = PlantCatalog.Create(Plant);
        var exp = setup.Experiment;
        var runs = Enumerable.Range(0, exp.Runs).Where(r => !exp.IsHeldOut(r)).Select(r => RunGenerator.Simulate(plant, exp, r));
        var windows = WindowSet.FromRuns(runs, setup.LayoutFor(plant.Spec));
        int f = windows.Layout.FeatureCount;
        foreach (var i in CalibrationDraw.Indices(windows.Count, count, seed))
            yield return new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloats(CalibrationDraw.ShapeFor(input, f), windows.Features[(i * f)..((i + 1) * f)]) };
    }
}

public sealed class ControlMsdDataset : ControlEvaluationDataset { protected override string Plant => "msd"; }
public sealed class ControlTendonDataset : ControlEvaluationDataset { protected override string Plant => "tendon"; }
public sealed class ControlHaselDataset : ControlEvaluationDataset { protected override string Plant => "hasel"; }
