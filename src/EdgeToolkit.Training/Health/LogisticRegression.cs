namespace EdgeToolkit.Training.Health;

/// <summary>
/// Multinomial logistic regression (softmax over K classes) trained by full-batch
/// gradient descent (Nesterov momentum) on the weighted mean cross-entropy plus (l2/2)·|W|² (bias not penalised).
/// The baseline every health model must beat; no external ML package.
/// </summary>
public sealed class LogisticRegression
{
    public int Classes { get; }
    public int Features { get; }
    /// <summary>[class, feature] row-major.</summary>
    public double[] Weights { get; }
    public double[] Bias { get; }

    public LogisticRegression(int features, int classes)
    {
        Features = features; Classes = classes;
        Weights = new double[features * classes];
        Bias = new double[classes];
    }

    /// <param name="sampleWeights">Per-sample weights (e.g. balanced class weights); null is all 1.</param>
    /// <remarks>
    /// Step 1/L with L the gradient's Lipschitz bound (largest eigenvalue of the weighted input
    /// covariance, by power iteration, plus l2): a fixed step of 0.5 diverges on correlated window
    /// features. Nesterov momentum (still first-order, full batch) makes a few hundred steps enough.
    /// </remarks>
    public static LogisticRegression Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, double l2, int iterations,
        IReadOnlyList<double>? sampleWeights = null)
    {
        int n = x.Count, f = x[0].Length;
        var sw = sampleWeights?.ToArray() ?? Enumerable.Repeat(1.0, n).ToArray();
        double totalWeight = sw.Sum();
        double step = 1.0 / (LargestEigenvalue(x, sw, totalWeight) + l2);
        var model = new LogisticRegression(f, classes);
        var lookW = new double[f * classes];
        var lookB = new double[classes];
        var prevW = new double[f * classes];
        var prevB = new double[classes];
        var gradW = new double[f * classes];
        var gradB = new double[classes];
        var probe = new LogisticRegression(f, classes);
        var p = new double[classes];
        for (int it = 0; it < iterations; it++)
        {
            double momentum = it / (it + 3.0);
            for (int k = 0; k < lookW.Length; k++) probe.Weights[k] = model.Weights[k] + momentum * (model.Weights[k] - prevW[k]);
            for (int c = 0; c < classes; c++) probe.Bias[c] = model.Bias[c] + momentum * (model.Bias[c] - prevB[c]);
            Array.Clear(gradW); Array.Clear(gradB);
            for (int i = 0; i < n; i++)
            {
                probe.Probabilities(x[i], p);
                var xi = x[i];
                for (int c = 0; c < classes; c++)
                {
                    double g = sw[i] * (p[c] - (y[i] == c ? 1 : 0));
                    gradB[c] += g;
                    int row = c * f;
                    for (int j = 0; j < f; j++) gradW[row + j] += g * xi[j];
                }
            }
            Array.Copy(model.Weights, prevW, prevW.Length);
            Array.Copy(model.Bias, prevB, prevB.Length);
            for (int k = 0; k < gradW.Length; k++) model.Weights[k] = probe.Weights[k] - step * (gradW[k] / totalWeight + l2 * probe.Weights[k]);
            for (int c = 0; c < classes; c++) model.Bias[c] = probe.Bias[c] - step * gradB[c] / totalWeight;
        }
        return model;
    }

    /// <summary>Largest eigenvalue of the weighted second-moment matrix of [x, 1] (bounds the softmax loss curvature, which is at most that times 1/2).</summary>
    private static double LargestEigenvalue(IReadOnlyList<float[]> x, double[] w, double total)
    {
        int f = x[0].Length;
        var v = Enumerable.Repeat(1.0 / Math.Sqrt(f + 1), f + 1).ToArray();
        double lambda = 1;
        for (int it = 0; it < 30; it++)
        {
            var next = new double[f + 1];
            for (int i = 0; i < x.Count; i++)
            {
                double dot = v[f];
                for (int j = 0; j < f; j++) dot += x[i][j] * v[j];
                dot *= w[i] / total;
                for (int j = 0; j < f; j++) next[j] += dot * x[i][j];
                next[f] += dot;
            }
            lambda = Math.Sqrt(next.Sum(a => a * a));
            for (int j = 0; j <= f; j++) v[j] = next[j] / lambda;
        }
        return lambda;
    }

    public void Probabilities(float[] x, double[] p)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < Classes; c++)
        {
            double s = Bias[c];
            int row = c * Features;
            for (int j = 0; j < Features; j++) s += Weights[row + j] * x[j];
            p[c] = s;
            max = Math.Max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < Classes; c++) { p[c] = Math.Exp(p[c] - max); sum += p[c]; }
        for (int c = 0; c < Classes; c++) p[c] /= sum;
    }

    public int Predict(float[] x)
    {
        var p = new double[Classes];
        Probabilities(x, p);
        int best = 0;
        for (int c = 1; c < Classes; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /// <summary>Weighted mean cross-entropy (without the L2 term).</summary>
    public double Loss(IReadOnlyList<float[]> x, IReadOnlyList<int> y)
    {
        var p = new double[Classes];
        double loss = 0;
        for (int i = 0; i < x.Count; i++) { Probabilities(x[i], p); loss -= Math.Log(Math.Max(p[y[i]], 1e-300)); }
        return loss / x.Count;
    }

    /// <summary>Balanced class weights n / (K · n_c), as scikit-learn's class_weight="balanced".</summary>
    public static double[] BalancedWeights(IReadOnlyList<int> y, int classes)
    {
        var counts = new int[classes];
        foreach (var c in y) counts[c]++;
        return y.Select(c => y.Count / (double)(classes * Math.Max(counts[c], 1))).ToArray();
    }
}
