namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// A reference for every output over a run: Rows[k] is the target for y(k) (k = 0 .. Steps),
/// Tracked says which outputs count in the tracking error (the others may still carry a
/// reference the controller uses with a small weight, e.g. the msd velocity).
/// </summary>
public sealed class ReferenceTrajectory
{
    public string Name { get; }
    public double Period { get; }
    /// <summary>Periods to simulate; Rows has Steps + 1 rows.</summary>
    public int Steps => Rows.Length - 1;
    public double[][] Rows { get; }
    public bool[] Tracked { get; }
    public int Outputs => Tracked.Length;

    public ReferenceTrajectory(string name, double period, double[][] rows, bool[] tracked)
    {
        if (rows.Length < 2 || rows.Any(r => r.Length != tracked.Length))
            throw new ArgumentException($"reference '{name}': every row needs {tracked.Length} values, and at least two rows");
        Name = name; Period = period; Rows = rows; Tracked = tracked;
    }

    /// <summary>A reference sampled from r(t) (one value per output) at t = k * period, k = 0 .. steps.</summary>
    public static ReferenceTrajectory Sample(string name, double period, int steps, bool[] tracked, Func<double, double[]> r) =>
        new(name, period, Enumerable.Range(0, steps + 1).Select(k => r(k * period)).ToArray(), tracked);

    /// <summary>
    /// The preview rows the controller takes at period k: targets for y(k+D+1) .. y(k+D+horizon),
    /// row-major; past the end the last row repeats.
    /// </summary>
    public void Preview(int k, int delay, int horizon, Span<float> preview)
    {
        for (int j = 0; j < horizon; j++)
        {
            var row = Rows[Math.Min(k + delay + 1 + j, Rows.Length - 1)];
            for (int o = 0; o < Outputs; o++) preview[j * Outputs + o] = (float)row[o];
        }
    }
}
