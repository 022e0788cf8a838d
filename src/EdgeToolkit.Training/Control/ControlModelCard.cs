using System.Text;
using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Control;

/// <summary>The model card of a control forward model: data, window, training, held-out one-step and multi-step figures.</summary>
public static class ControlModelCard
{
    public static ModelCard Build(PlantSpec plant, IdentificationSetup setup, WindowLayout layout,
        ForwardModelOptions options, EvaluationResult eval, EvaluationResult? oneStepBaseline, double parity, TrainContext context)
    {
        var exp = setup.Experiment;
        string inputs = string.Join(", ", plant.Inputs.Select(c => $"{c.Name} [{c.Min:G4}, {c.Max:G4}] {c.Unit}" +
            (double.IsInfinity(c.RatePerSecond) ? "" : $", at most {c.RatePerSecond:G4} {c.Unit}/s")));
        string outputs = string.Join(", ", plant.Outputs.Select(c => $"{c.Name} ({c.Unit}, noise std {c.NoiseStd:G3})"));
        var card = new ModelCard
        {
            Title = $"control-{plant.Name}: forward model of the {plant.Name} plant",
            Summary = $"Predicts the next measurement y(k+1) of the simulated {plant.Description} from a window of past commands and measurements, " +
                "for a Newton-Raphson (neural generalized predictive) controller. The ONNX model maps physical units to physical units: " +
                "the input and output standardisation is folded into the first and last Gemm (and also recorded in config.json, `scaling`)." +
                (context.Quick ? " QUICK RUN (tests only): tiny data and network, figures are not representative." : ""),
            Dataset = $"control-{plant.Name}",
            Metric = "nrmse_pct_range (lower is better)",
            Data = $"Simulated with EdgeToolkit.Control (parameters in src/EdgeToolkit.Control/README.md): control period {plant.Period * 1000:G4} ms, " +
                $"RK4 with {plant.SubSteps} sub-steps per period, input delay {plant.DelayPeriods} period(s), seeded sensor noise. Inputs: {inputs}. Outputs: {outputs}.\n\n" +
                $"{exp.Runs} open-loop runs of {exp.StepsPerRun} periods (data seed {exp.Seed}); excitation by run index cycles chirp, random steps, PRBS, and a mix " +
                $"(segments of the three, half with a PRBS dither), one seeded signal per input channel{ExcitationShaping(exp.Excitation)}. Every {exp.HeldOutEvery}th run " +
                $"({string.Join(", ", Enumerable.Range(0, exp.Runs).Where(exp.IsHeldOut))}) is held out whole: held-out runs, not shuffled samples. " +
                $"Windows: {layout.FeatureCount} features = commands u(k-{layout.InputDelay})..u(k-{layout.InputDelay + layout.InputLags - 1}) ({layout.InputCount} each) then measurements y(k)..y(k-{layout.OutputLags - 1}) " +
                $"({layout.OutputCount} each); target y(k+1). The exact order is `window.features` in config.json. The plant's input delay is {plant.DelayPeriods} period(s), so the window starts at " +
                $"u(k-{layout.InputDelay}): later commands cannot reach y(k+1) and are left out instead of being learned as spurious inputs. A controller choosing u(k) rolls the model out {layout.InputDelay + 1} step(s) to reach y(k+{layout.InputDelay + 1}).",
            Architecture = $"MLP {layout.FeatureCount} -> {string.Join(" -> ", options.Hidden.Select(h => $"{h} (tanh)"))} -> {layout.OutputCount}, " +
                $"input `{ControlModelConfig.InputName}` [1, {layout.FeatureCount}], output `{ControlModelConfig.OutputName}` [1, {layout.OutputCount}], float32. " +
                $"Adam, {options.Steps} steps of batch {options.BatchSize}, learning rate {options.LearningRate:G3} with cosine decay to {options.FinalLearningRate:G3}, {Loss(options)}, seed {context.Seed}. " +
                $"Exported with TorchExporter (Gemm/Tanh); ONNX Runtime matches TorchSharp within {parity:G2} (max abs, 200 held-out windows).",
            RetrainCommand = context.Command.Length > 0 ? context.Command : $"./edgetk train control --plant {plant.Name} -o models/control-{plant.Name}",
        };
        string How(string what) => $"{what}, {eval.Samples} held-out windows, ONNX Runtime";
        card.AddMetric("nrmse_pct_range (worst output)", eval.Value, How("RMSE / (max - min on held-out runs) x 100"), "F3");
        foreach (var c in plant.Outputs)
        {
            card.AddMetric($"nrmse_pct_range {c.Name}", eval.Details[$"nrmse_pct_range_{c.Name}"], How($"range {eval.Details[$"range_{c.Name}"]:G4} {c.Unit}"), "F3");
            card.AddMetric($"noise floor {c.Name}", eval.Details[$"noise_floor_pct_range_{c.Name}"], $"sensor noise std {c.NoiseStd:G3} {c.Unit} / range x 100: the error of a perfect one-step predictor", "F3");
        }
        card.AddMetric("persistence baseline (worst output)", eval.Details["persistence_nrmse_pct_range"], How("y(k+1) = y(k), same metric"), "F3");
        string rolloutHow = $"RMSE over {OpenLoopRollout.MetricSteps}-step open-loop rollouts (own predictions fed back, commands from the data) / range x 100, " +
            $"{eval.Details["rollout_starts"]:F0} starts spread over the held-out runs, ONNX Runtime";
        card.AddMetric($"{OpenLoopRollout.MetricName} (worst output)", eval.Details[OpenLoopRollout.MetricName], rolloutHow, "F3");
        foreach (var c in plant.Outputs)
            card.AddMetric($"{OpenLoopRollout.MetricName} {c.Name}", eval.Details[$"{OpenLoopRollout.MetricName}_{c.Name}"], rolloutHow, "F3");
        if (oneStepBaseline != null)
        {
            string baselineHow = "the same network, data, steps and seed trained on the one-step loss (rollout_steps 1), same evaluation";
            card.AddMetric("one-step-trained: nrmse_pct_range (worst output)", oneStepBaseline.Value, baselineHow, "F3");
            card.AddMetric($"one-step-trained: {OpenLoopRollout.MetricName} (worst output)", oneStepBaseline.Details[OpenLoopRollout.MetricName], baselineHow, "F3");
        }
        double target = plant.Name == "msd" ? 1 : 3;
        var sb = new StringBuilder();
        sb.AppendLine($"Target: nrmse_pct_range <= {target}% on held-out runs: {(eval.Value <= target ? "met" : "NOT met")} ({eval.Value:F3}%).");
        sb.AppendLine("The persistence baseline shows how much of the figure the model earns (at this control period y(k+1) is close to y(k)); the noise floor is what sensor noise on y(k+1) alone costs.");
        sb.AppendLine($"Re-check: `./edgetk evaluate models/control-{plant.Name} --dataset control-{plant.Name}` (2,000 windows spread over the held-out runs on ort/host, 200 on MCU targets).");
        card.Sections.Add(("Target", sb.ToString()));
        if (options.RolloutSteps > 1) card.Sections.Add(("Multi-step training", MultiStepNote(options, eval, oneStepBaseline)));
        return card;
    }

    private static string ExcitationShaping(EdgeToolkit.Control.Excitation.ExcitationOptions e) =>
        (e.RestPeriods > 0 ? $"; each run starts with {e.RestPeriods} periods at rest (the initial commands), the state every closed-loop run starts from" : "") +
        (e.SlewLimited ? "; commands are slew-limited to the input's rate, as a controller's are, so the command window holds what the actuator applies" : "");

    private static string Loss(ForwardModelOptions options) => options.RolloutSteps <= 1
        ? "MSE on standardised targets (one-step)"
        : (options.RolloutWarmup > 0 ? $"MSE on standardised targets, one-step for the first {options.RolloutWarmup:P0} of the steps, then " : "MSE on standardised targets ") +
          $"over {options.RolloutSteps}-step open-loop rollouts" +
          (options.OneStepWeight > 0 ? $" ({options.OneStepWeight:G3} of the loss on the first step alone)" : "");

    private static string MultiStepNote(ForwardModelOptions options, EvaluationResult eval, EvaluationResult? oneStep)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Fine-tuned on the simulation error (`training` in config.json: `rollout_steps` {options.RolloutSteps}, `one_step_weight` {options.OneStepWeight:G3}, " +
            $"`rollout_warmup` {options.RolloutWarmup:G3}): after the one-step warm-up, from each window the network predicts {options.RolloutSteps} steps, " +
            "its own predictions replacing the measured output lags as they become available, the commands coming from the data; the loss covers every step. " +
            "A controller inverts such a rollout over its horizon. One-step training on noisy output lags (errors in variables) leans on y(k), so its rollouts drift.");
        if (oneStep != null)
            sb.AppendLine($"\n{OpenLoopRollout.MetricSteps}-step rollout error (worst output): {eval.Details[OpenLoopRollout.MetricName]:F3}% with the rollout loss, " +
                $"{oneStep.Details[OpenLoopRollout.MetricName]:F3}% with one-step training; one-step error {eval.Value:F3}% vs {oneStep.Value:F3}%.");
        return sb.ToString();
    }
}
