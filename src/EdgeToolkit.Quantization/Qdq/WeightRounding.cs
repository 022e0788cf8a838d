namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Error-compensating rounding of int8 weights (GPTQ, Frantar et al. 2022): the weights of a
/// row are rounded one input at a time, and each rounding error is spread over the inputs not
/// yet rounded so that the layer's output error on the calibration inputs, E[(x . (w - q s))^2]
/// = (w - q s)^T H (w - q s) with H = E[x x^T], stays small, instead of the sum of independent
/// round-to-nearest errors. The scales are kept; a weight moves by the updates of the ones
/// rounded before it, typically within a step or two of w / s (saturating at +-127).
/// </summary>
public static class WeightRounding
{
    /// <summary>Dampening added to H's diagonal, as a fraction of its mean: keeps the inverse tame when inputs are correlated.</summary>
    public const double Dampening = 0.01;

    /// <param name="w">Float weights [n, k], one row per output channel (scale per row).</param>
    /// <param name="scales">The step of each row.</param>
    /// <param name="h">E[x x^T] of the layer's input [k, k].</param>
    public static sbyte[] Round(float[] w, int n, int k, float[] scales, double[,] h)
    {
        var u = InverseCholeskyUpper(h, k);
        var work = w.Select(v => (double)v).ToArray();
        var q = new sbyte[w.Length];
        for (int c = 0; c < n; c++)
        {
            double s = scales[c];
            int row = c * k;
            for (int i = 0; i < k; i++)
            {
                int qi = (int)Math.Clamp(Math.Round(work[row + i] / s, MidpointRounding.ToEven), -127, 127);
                q[row + i] = (sbyte)qi;
                double err = (work[row + i] - qi * s) / u[i, i];
                for (int j = i + 1; j < k; j++) work[row + j] -= err * u[i, j];
            }
        }
        return q;
    }

    /// <summary>
    /// U upper triangular with U^T U = (H + damping)^-1. An input that never varies (zero
    /// diagonal) gets a unit diagonal: its weight rounds to nearest and takes no updates.
    /// </summary>
    private static double[,] InverseCholeskyUpper(double[,] h, int k)
    {
        var a = (double[,])h.Clone();
        double mean = 0;
        for (int i = 0; i < k; i++) mean += a[i, i];
        mean /= Math.Max(1, k);
        for (int i = 0; i < k; i++)
        {
            if (a[i, i] <= 0) { for (int j = 0; j < k; j++) { a[i, j] = 0; a[j, i] = 0; } a[i, i] = 1; }
            a[i, i] += Dampening * (mean > 0 ? mean : 1);
        }
        // The inverse is L L^T with L its lower Cholesky factor, so U = L^T.
        var l = Cholesky(Invert(Cholesky(a, k), k), k);
        var u = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++) u[i, j] = l[j, i];
        return u;
    }

    /// <summary>Lower triangular L with L L^T = a (a symmetric positive definite).</summary>
    private static double[,] Cholesky(double[,] a, int k)
    {
        var l = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            double d = a[j, j];
            for (int p = 0; p < j; p++) d -= l[j, p] * l[j, p];
            l[j, j] = Math.Sqrt(Math.Max(d, 1e-300));
            for (int i = j + 1; i < k; i++)
            {
                double v = a[i, j];
                for (int p = 0; p < j; p++) v -= l[i, p] * l[j, p];
                l[i, j] = v / l[j, j];
            }
        }
        return l;
    }

    /// <summary>(L L^T)^-1 from the lower Cholesky factor L.</summary>
    private static double[,] Invert(double[,] l, int k)
    {
        // L^-1 by forward substitution, then (L L^T)^-1 = L^-T L^-1.
        var li = new double[k, k];
        for (int c = 0; c < k; c++)
        {
            li[c, c] = 1 / l[c, c];
            for (int i = c + 1; i < k; i++)
            {
                double v = 0;
                for (int p = c; p < i; p++) v -= l[i, p] * li[p, c];
                li[i, c] = v / l[i, i];
            }
        }
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double v = 0;
                for (int p = Math.Max(i, j); p < k; p++) v += li[p, i] * li[p, j];
                r[i, j] = v;
            }
        return r;
    }
}
