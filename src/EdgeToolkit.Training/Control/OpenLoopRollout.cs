using EdgeToolkit.Control.Data;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// Open-loop (simulation) rollouts of a forward model over windows that WindowSet.FromRuns laid
/// out run by run: from the window at time k, predict y(k+1), y(k+2)... with the commands from
/// the data and the model's own predictions in place of the measured outputs once they exist
/// (output block l of the window at k+h is y(k+h-l): the prediction when h-l >= 1). This is what
/// a controller does over its horizon, so this is the error it inverts; the trainer's rollout
/// loss (RolloutLoss) feeds back the same way in standardised units.
/// </summary>
public static class OpenLoopRollout
{
    /// <summary>The horizon of the multi-step metric in the cards (rollout20_nrmse_pct_range).</summary>
    public const int MetricSteps = 20;
    public const string MetricName = "rollout20_nrmse_pct_range";

    /// <summary>Window counts per run of WindowSet.FromRuns (runs of `commands` periods each).</summary>
    public static int[] WindowsPerRun(IEnumerable<PlantRun> runs, WindowLayout layout) =>
        runs.Select(r => Math.Max(0, r.Commands.Length - layout.FirstStep)).ToArray();

    /// <summary>Every window index from which `steps` windows lie in the same run.</summary>
    public static int[] Starts(IReadOnlyList<int> windowsPerRun, int steps)
    {
        var starts = new List<int>();
        int first = 0;
        foreach (int count in windowsPerRun)
        {
            for (int i = 0; i + steps <= count; i++) starts.Add(first + i);
            first += count;
        }
        return starts.ToArray();
    }

    /// <summary>
    /// Turns the data window at step `step` of a rollout into the rollout's window: output blocks
    /// 0 .. min(step, OutputLags)-1 get the predictions of steps step-1, step-2... (newest first).
    /// predicted[h] holds the m outputs predicted at step h (y(k+h+1)).
    /// </summary>
    public static void FeedBack(WindowLayout layout, Span<float> window, IReadOnlyList<float[]> predicted, int step)
    {
        int m = layout.OutputCount, offset = layout.InputLags * layout.InputCount;
        for (int l = 0; l < Math.Min(step, layout.OutputLags); l++)
            predicted[step - 1 - l].AsSpan(0, m).CopyTo(window.Slice(offset + l * m, m));
    }

    /// <summary>
    /// Rolls `predict` (a batch of row-major windows -> row-major outputs) `steps` steps from each
    /// start; returns predictions and measured targets as [start][step][output], row-major.
    /// </summary>
    public static (float[] Predicted, float[] Targets) Run(WindowSet set, int[] starts, int steps, Func<float[], float[]> predict)
    {
        var layout = set.Layout;
        int f = layout.FeatureCount, m = layout.OutputCount, n = starts.Length;
        var predicted = new float[n * steps * m];
        var targets = new float[n * steps * m];
        var history = new float[n][][];
        for (int s = 0; s < n; s++) history[s] = new float[steps][];
        var batch = new float[n * f];
        for (int h = 0; h < steps; h++)
        {
            for (int s = 0; s < n; s++)
            {
                var window = batch.AsSpan(s * f, f);
                set.Features.AsSpan((starts[s] + h) * f, f).CopyTo(window);
                FeedBack(layout, window, history[s], h);
            }
            var outputs = predict(batch);
            for (int s = 0; s < n; s++)
            {
                history[s][h] = outputs.AsSpan(s * m, m).ToArray();
                outputs.AsSpan(s * m, m).CopyTo(predicted.AsSpan((s * steps + h) * m, m));
                set.Targets.AsSpan((starts[s] + h) * m, m).CopyTo(targets.AsSpan((s * steps + h) * m, m));
            }
        }
        return (predicted, targets);
    }
}
