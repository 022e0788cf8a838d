using System.Text.Json.Nodes;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// config.json of a control forward model: everything a controller needs to use it (plant,
/// period, delay, limits, the window layout in order, the scaling) and everything evaluation
/// needs to regenerate the held-out runs (data seed, experiment size).
/// </summary>
public static class ControlModelConfig
{
    public const string InputName = "x", OutputName = "y";

    public static JsonObject Build(PlantSpec plant, IdentificationSetup setup, bool quick, WindowLayout layout,
        ForwardModelTrainer.Result model, ForwardModelOptions options, int trainSeed, JsonObject metrics)
    {
        var entries = new JsonArray();
        foreach (var e in layout.Entries)
        {
            var ch = e.Signal == "u" ? plant.Inputs[e.Channel].Name : plant.Outputs[e.Channel].Name;
            var unit = e.Signal == "u" ? plant.Inputs[e.Channel].Unit : plant.Outputs[e.Channel].Unit;
            entries.Add(new JsonObject { ["signal"] = e.Signal, ["channel"] = e.Channel, ["name"] = ch, ["unit"] = unit, ["lag"] = e.Lag,
                ["label"] = $"{e.Signal}{e.Channel}(k{(e.Lag == 0 ? "" : "-" + e.Lag)})" });
        }
        var exp = setup.Experiment;
        return new JsonObject
        {
            ["task"] = "control",
            ["plant"] = plant.Name,
            ["plant_description"] = plant.Description,
            ["period_s"] = plant.Period,
            ["substeps"] = plant.SubSteps,
            ["delay_periods"] = plant.DelayPeriods,
            ["inputs"] = new JsonArray(plant.Inputs.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["unit"] = c.Unit, ["min"] = c.Min, ["max"] = c.Max,
                ["rate_per_s"] = double.IsInfinity(c.RatePerSecond) ? null : c.RatePerSecond, ["initial"] = c.Initial,
            }).ToArray()),
            ["outputs"] = new JsonArray(plant.Outputs.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["unit"] = c.Unit, ["noise_std"] = c.NoiseStd,
            }).ToArray()),
            ["model_input"] = InputName,
            ["model_output"] = OutputName,
            ["window"] = new JsonObject
            {
                ["input_delay"] = layout.InputDelay,
                ["input_lags"] = layout.InputLags,
                ["output_lags"] = layout.OutputLags,
                ["feature_count"] = layout.FeatureCount,
                ["order"] = "u(k-d)[all inputs], u(k-d-1)[all inputs], ... (d = input_delay), then y(k)[all outputs], y(k-1)[all outputs], ...; u(k) is the command issued at period k, y(k) the measurement at its start. Commands after k-d cannot reach y(k+1) and are not inputs: u(k) first acts on y(k+1+d), so a controller rolls the model out d+1 steps",
                ["features"] = entries,
                ["target"] = "y(k+1): every output, in the order of 'outputs', physical units",
            },
            ["scaling"] = new JsonObject
            {
                ["folded_into_model"] = true,
                ["note"] = "model.onnx takes and returns physical units: the standardisation below is already folded into the first and last Gemm. It is recorded so that a controller can work in standardised units (x_std = (x - input_mean) / input_std, y = output_mean + output_std * y_std).",
                ["input_mean"] = Array(model.InputMean), ["input_std"] = Array(model.InputStd),
                ["output_mean"] = Array(model.OutputMean), ["output_std"] = Array(model.OutputStd),
            },
            ["data"] = new JsonObject
            {
                ["seed"] = exp.Seed, ["quick"] = quick, ["runs"] = exp.Runs, ["steps_per_run"] = exp.StepsPerRun,
                ["held_out_every"] = exp.HeldOutEvery,
                ["held_out_runs"] = new JsonArray(Enumerable.Range(0, exp.Runs).Where(exp.IsHeldOut).Select(r => (JsonNode)r).ToArray()),
                ["excitation"] = "per run, by index: chirp, random steps, PRBS, mix (cycling); each input channel its own seeded signal" +
                    (exp.Excitation.RestPeriods > 0 ? $"; the first {exp.Excitation.RestPeriods} periods at the initial commands (the plant at rest)" : "") +
                    (exp.Excitation.SlewLimited ? "; commands slew-limited to each input's rate_per_s, as a controller's are" : ""),
            },
            ["training"] = new JsonObject
            {
                ["hidden"] = new JsonArray(options.Hidden.Select(h => (JsonNode)h).ToArray()), ["activation"] = "tanh",
                ["steps"] = options.Steps, ["batch_size"] = options.BatchSize, ["learning_rate"] = options.LearningRate,
                ["final_learning_rate"] = options.FinalLearningRate, ["seed"] = trainSeed,
                ["rollout_steps"] = options.RolloutSteps, ["one_step_weight"] = options.OneStepWeight, ["rollout_warmup"] = options.RolloutWarmup,
                ["loss"] = options.RolloutSteps > 1
                    ? "MSE on standardised targets, one step (measured output lags) for the first rollout_warmup of the steps, then over rollout_steps-step open-loop rollouts (predictions fed back as output lags, commands from the data) with one_step_weight of it on the first step alone"
                    : "MSE on standardised targets, one step (measured output lags)",
            },
            ["metrics"] = metrics,
        };
    }

    /// <summary>The identification setup a config was trained with (defaults when there is no config).</summary>
    public static (IdentificationSetup Setup, int InputLags, int OutputLags) ReadSetup(JsonObject? config, string plant)
    {
        bool quick = config?["data"]?["quick"]?.GetValue<bool>() ?? false;
        int seed = config?["data"]?["seed"]?.GetValue<int>() ?? PlantCatalog.DataSeed;
        var setup = PlantCatalog.Identification(plant, quick, seed);
        int inLags = config?["window"]?["input_lags"]?.GetValue<int>() ?? setup.InputLags;
        int outLags = config?["window"]?["output_lags"]?.GetValue<int>() ?? setup.OutputLags;
        return (setup with { InputLags = inLags, OutputLags = outLags }, inLags, outLags);
    }

    private static JsonArray Array(float[] v) => new(v.Select(x => (JsonNode)(double)x).ToArray());
}
