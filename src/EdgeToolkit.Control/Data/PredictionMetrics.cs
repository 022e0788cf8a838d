namespace EdgeToolkit.Control.Data;

/// <summary>
/// nrmse_pct_range: per output, RMSE / (max - min of that output over the reference range set) * 100.
/// The headline figure is the worst output.
/// </summary>
public static class PredictionMetrics
{
    public static double[] NrmsePctRange(float[] predicted, float[] actual, int outputs, float[] rangeMin, float[] rangeMax)
    {
        int n = actual.Length / outputs;
        var sq = new double[outputs];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < outputs; c++) { double d = predicted[r * outputs + c] - actual[r * outputs + c]; sq[c] += d * d; }
        var result = new double[outputs];
        for (int c = 0; c < outputs; c++)
            result[c] = Math.Sqrt(sq[c] / Math.Max(1, n)) / Math.Max(rangeMax[c] - rangeMin[c], 1e-12) * 100;
        return result;
    }

    /// <summary>Per-column min and max.</summary>
    public static (float[] Min, float[] Max) ColumnRange(float[] data, int columns)
    {
        var min = Enumerable.Repeat(float.PositiveInfinity, columns).ToArray();
        var max = Enumerable.Repeat(float.NegativeInfinity, columns).ToArray();
        for (int i = 0; i < data.Length; i++) { int c = i % columns; min[c] = Math.Min(min[c], data[i]); max[c] = Math.Max(max[c], data[i]); }
        return (min, max);
    }
}
