namespace EdgeToolkit.Control.Data;

/// <summary>Windows and next-output targets, row-major: Features[n * FeatureCount], Targets[n * OutputCount].</summary>
public sealed class WindowSet
{
    public required WindowLayout Layout { get; init; }
    public required float[] Features { get; init; }
    public required float[] Targets { get; init; }
    public int Count => Targets.Length / Layout.OutputCount;

    /// <summary>Every window of the given runs, run by run, in time order.</summary>
    public static WindowSet FromRuns(IEnumerable<PlantRun> runs, WindowLayout layout)
    {
        var x = new List<float>();
        var t = new List<float>();
        var row = new float[layout.FeatureCount];
        foreach (var run in runs)
            for (int k = layout.FirstStep; k < run.Commands.Length; k++)
            {
                layout.Fill(row, run.Commands, run.Measured, k);
                x.AddRange(row);
                foreach (var v in run.Measured[k + 1]) t.Add((float)v);
            }
        return new WindowSet { Layout = layout, Features = x.ToArray(), Targets = t.ToArray() };
    }

    /// <summary>Per-column mean and standard deviation (std floored to avoid dividing by ~0).</summary>
    public static (float[] Mean, float[] Std) ColumnStats(float[] data, int columns)
    {
        int n = data.Length / columns;
        var mean = new double[columns];
        var sq = new double[columns];
        for (int r = 0; r < n; r++) for (int c = 0; c < columns; c++) mean[c] += data[r * columns + c];
        for (int c = 0; c < columns; c++) mean[c] /= Math.Max(1, n);
        for (int r = 0; r < n; r++) for (int c = 0; c < columns; c++) { double d = data[r * columns + c] - mean[c]; sq[c] += d * d; }
        var std = new float[columns];
        for (int c = 0; c < columns; c++) std[c] = (float)Math.Max(Math.Sqrt(sq[c] / Math.Max(1, n)), 1e-6);
        return (mean.Select(m => (float)m).ToArray(), std);
    }
}
