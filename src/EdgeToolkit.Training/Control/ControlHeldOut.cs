using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Plants;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// The held-out runs of a plant's identification experiment, as windows, plus each output's
/// range (max - min over those runs), the denominator of nrmse_pct_range, and the window count
/// of each run (a rollout stays inside one run).
/// </summary>
public sealed record ControlHeldOut(PlantSpec Plant, WindowSet Windows, int[] WindowsPerRun, float[] RangeMin, float[] RangeMax)
{
    public static ControlHeldOut Build(string plantName, IdentificationSetup setup)
    {
        var plant = PlantCatalog.Create(plantName);
        var exp = setup.Experiment;
        var runs = Enumerable.Range(0, exp.Runs).Where(exp.IsHeldOut).Select(r => RunGenerator.Simulate(plant, exp, r)).ToList();
        var windows = WindowSet.FromRuns(runs, setup.LayoutFor(plant.Spec));
        var all = runs.SelectMany(r => r.Measured).SelectMany(y => y.Select(v => (float)v)).ToArray();
        var (min, max) = PredictionMetrics.ColumnRange(all, plant.Spec.OutputCount);
        return new ControlHeldOut(plant.Spec, windows, OpenLoopRollout.WindowsPerRun(runs, windows.Layout), min, max);
    }

    /// <summary>n window indices spread evenly over the whole held-out set (all of them when n >= Count).</summary>
    public int[] SpreadIndices(int n)
    {
        int count = Windows.Count;
        if (n >= count) return Enumerable.Range(0, count).ToArray();
        return Enumerable.Range(0, n).Select(i => (int)((long)i * count / n)).ToArray();
    }

    public (float[] Features, float[] Targets) Select(int[] indices)
    {
        int f = Windows.Layout.FeatureCount, ny = Windows.Layout.OutputCount;
        var x = new float[indices.Length * f];
        var y = new float[indices.Length * ny];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(Windows.Features, (long)indices[i] * f, x, (long)i * f, f);
            Array.Copy(Windows.Targets, (long)indices[i] * ny, y, (long)i * ny, ny);
        }
        return (x, y);
    }

    /// <summary>
    /// Per-output nrmse_pct_range of `steps`-step open-loop rollouts (every predicted step counts)
    /// from n starts spread evenly over the held-out runs.
    /// </summary>
    public double[] RolloutScore(int steps, int n, Func<float[], float[]> predict)
    {
        var (predicted, targets) = OpenLoopRollout.Run(Windows, RolloutStarts(steps, n), steps, predict);
        return Score(predicted, targets);
    }

    public int[] RolloutStarts(int steps, int n)
    {
        var all = OpenLoopRollout.Starts(WindowsPerRun, steps);
        if (n >= all.Length) return all;
        return Enumerable.Range(0, n).Select(i => all[(int)((long)i * all.Length / n)]).ToArray();
    }

    /// <summary>Per-output nrmse_pct_range of predictions against the selected targets.</summary>
    public double[] Score(float[] predicted, float[] targets) =>
        PredictionMetrics.NrmsePctRange(predicted, targets, Plant.OutputCount, RangeMin, RangeMax);

    /// <summary>The persistence baseline y(k+1) = y(k) on the selected windows (y(k) sits in the window).</summary>
    public float[] Persistence(float[] features)
    {
        var layout = Windows.Layout;
        int f = layout.FeatureCount, ny = layout.OutputCount, offset = layout.InputLags * layout.InputCount;
        int n = features.Length / f;
        var p = new float[n * ny];
        for (int i = 0; i < n; i++) for (int c = 0; c < ny; c++) p[i * ny + c] = features[i * f + offset + c];
        return p;
    }
}
