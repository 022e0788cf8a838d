namespace EdgeToolkit.Training.Health;

/// <summary>
/// Standardisation learnt from the training people: z = (x - mean) / std on recorded values,
/// 0 on unrecorded ones (their flag is 0), flags and weekday left as they are. Because unrecorded
/// values are 0 in the raw input, z is affine in x (z_i = x_i/std_i - mean_i/std_i * flag_i),
/// so FoldInto turns "scale, then a linear layer" into one linear layer on raw inputs.
/// </summary>
public sealed class FeatureScaling
{
    public int Days { get; }
    /// <summary>Per-day column statistics (flags have mean 0, std 1).</summary>
    public double[] Mean { get; }
    public double[] Std { get; }

    public FeatureScaling(int days, double[] mean, double[] std) { Days = days; Mean = mean; Std = std; }

    public static FeatureScaling Fit(IReadOnlyList<HealthWindow> train, int days)
    {
        int per = HealthFeatures.PerDay;
        var mean = new double[per];
        var std = Enumerable.Repeat(1.0, per).ToArray();
        for (int c = 0; c < per; c++)
        {
            int mask = HealthFeatures.MaskOfColumn[c];
            if (mask < 0) continue;
            double s = 0, s2 = 0; long n = 0;
            foreach (var w in train)
                for (int d = 0; d < days; d++)
                    if (w.Input[d * per + mask] > 0.5f) { double v = w.Input[d * per + c]; s += v; s2 += v * v; n++; }
            if (n == 0) continue;
            mean[c] = s / n;
            std[c] = Math.Max(Math.Sqrt(Math.Max(0, s2 / n - mean[c] * mean[c])), 1e-3);
        }
        return new FeatureScaling(days, mean, std);
    }

    public float[] Apply(float[] x)
    {
        var z = (float[])x.Clone();
        int per = HealthFeatures.PerDay;
        for (int d = 0; d < Days; d++)
            for (int c = 0; c < per; c++)
            {
                int mask = HealthFeatures.MaskOfColumn[c];
                if (mask < 0) continue;
                int i = d * per + c;
                z[i] = x[d * per + mask] > 0.5f ? (float)((x[i] - Mean[c]) / Std[c]) : 0f;
            }
        return z;
    }

    /// <summary>
    /// Weights W [out, in] and bias acting on scaled inputs -> weights acting on raw inputs
    /// (the bias is unchanged: the mean terms move onto each group's flag column).
    /// </summary>
    public float[] FoldInto(float[] weight, int outputs)
    {
        int inputs = weight.Length / outputs, per = HealthFeatures.PerDay;
        var w = new double[weight.Length];
        for (int i = 0; i < w.Length; i++) w[i] = weight[i];
        var folded = (double[])w.Clone();
        for (int o = 0; o < outputs; o++)
            for (int d = 0; d < Days; d++)
                for (int c = 0; c < per; c++)
                {
                    int mask = HealthFeatures.MaskOfColumn[c];
                    if (mask < 0) continue;
                    int i = o * inputs + d * per + c;
                    folded[i] = w[i] / Std[c];
                    folded[o * inputs + d * per + mask] -= w[i] * Mean[c] / Std[c];
                }
        return folded.Select(v => (float)v).ToArray();
    }
}
