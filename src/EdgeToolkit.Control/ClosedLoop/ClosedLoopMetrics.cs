namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>RMS tracking error of a logged run: true output against reference, per output and combined.</summary>
public static class ClosedLoopMetrics
{
    public static double[] Rms(ClosedLoopLog log, bool[] tracked, double from = double.NegativeInfinity, double to = double.PositiveInfinity)
    {
        var sum = new double[tracked.Length];
        int n = 0;
        for (int k = 0; k < log.Count; k++)
        {
            if (log.Time[k] < from || log.Time[k] >= to) continue;
            n++;
            for (int o = 0; o < tracked.Length; o++)
            {
                double e = log.Reference[k][o] - log.TrueOutput[k][o];
                sum[o] += e * e;
            }
        }
        return Enumerable.Range(0, tracked.Length).Select(o => tracked[o] ? Math.Sqrt(sum[o] / Math.Max(1, n)) : double.NaN).ToArray();
    }

    /// <summary>Root mean square of the tracked entries, each divided by its scale (1 for plant units).</summary>
    public static double Combine(double[] rms, bool[] tracked, IReadOnlyList<float>? scale = null)
    {
        double sum = 0;
        int n = 0;
        for (int o = 0; o < rms.Length; o++)
        {
            if (!tracked[o]) continue;
            double v = rms[o] / (scale?[o] ?? 1.0);
            sum += v * v;
            n++;
        }
        return Math.Sqrt(sum / Math.Max(1, n));
    }
}
