using EdgeToolkit.Control.NanoFramework;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>
/// The controller's first Newton step, worked out independently in double for a linear forward
/// model y(t+1) = W window(t) + c: the predictions are simulated over time indices (not the
/// controller's row bookkeeping), they are affine in z so their slopes are exact differences, and
/// without a barrier the cost is quadratic, so one Newton step from z_prev lands on its minimiser
/// z_prev + dz, (S^T Q S + Lambda) dz = S^T Q e0, solved here by Gaussian elimination.
/// </summary>
internal sealed class LinearNewtonReference
{
    private readonly NrSettings _s;
    private readonly double[] _w;
    private readonly double[] _c;

    public LinearNewtonReference(NrSettings s, float[] weights, float[] bias)
    {
        _s = s;
        _w = weights.Select(v => (double)v).ToArray();
        _c = bias.Select(v => (double)v).ToArray();
    }

    /// <summary>
    /// Predictions of y(k+D+1) .. y(k+D+N) (row-major [N x M]) for the command u(k) = lo + z range
    /// held over the horizon. uPast[r] is u(k-1-r) (rows of P), yPast[l] is y(k-l) (rows of M).
    /// </summary>
    public double[] Predict(double[] z, double[][] uPast, double[][] yPast)
    {
        int m = _s.M, d = _s.Delay, steps = d + _s.Horizon;
        var u = z.Select((zi, i) => _s.Lo[i] + zi * ((double)_s.Hi[i] - _s.Lo[i])).ToArray();
        double[] Command(int t) => t >= 0 ? u : uPast[-t - 1];
        var predicted = new double[steps + 1][];
        double[] Output(int t) => t > 0 ? predicted[t] : yPast[-t];
        for (int t = 0; t < steps; t++)
        {
            var window = new List<double>();
            for (int l = 0; l < _s.InputLags; l++) window.AddRange(Command(t - d - l));
            for (int l = 0; l < _s.OutputLags; l++) window.AddRange(Output(t - l));
            var y = new double[m];
            for (int o = 0; o < m; o++)
            {
                y[o] = _c[o];
                for (int i = 0; i < window.Count; i++) y[o] += _w[o * window.Count + i] * window[i];
            }
            predicted[t + 1] = y;
        }
        return Enumerable.Range(d + 1, _s.Horizon).SelectMany(t => predicted[t]).ToArray();
    }

    /// <summary>The minimiser z* of the cost (no barrier), from z0 = z_prev.</summary>
    public double[] Minimiser(double[] zPrev, float[] reference, double[][] uPast, double[][] yPast)
    {
        int p = _s.P, rows = reference.Length;
        var y0 = Predict(zPrev, uPast, yPast);
        var slopes = Slopes(zPrev, uPast, yPast);
        var a = new double[p, p];
        var b = new double[p];
        for (int i = 0; i < p; i++)
        {
            for (int r = 0; r < rows; r++) b[i] += _s.Q[r % _s.M] * slopes[i][r] * (reference[r] - y0[r]);
            for (int k = 0; k < p; k++)
                for (int r = 0; r < rows; r++) a[i, k] += _s.Q[r % _s.M] * slopes[i][r] * slopes[k][r];
            a[i, i] += _s.Lambda[i];
        }
        var dz = Solve(a, b);
        return zPrev.Select((z, i) => z + dz[i]).ToArray();
    }

    /// <summary>d yhat / dz for each command: [P][N*M], exact for the affine predictions.</summary>
    public double[][] Slopes(double[] z, double[][] uPast, double[][] yPast)
    {
        var y0 = Predict(z, uPast, yPast);
        return Enumerable.Range(0, _s.P).Select(i =>
        {
            var shifted = (double[])z.Clone();
            shifted[i] += 1;
            return Predict(shifted, uPast, yPast).Select((v, r) => v - y0[r]).ToArray();
        }).ToArray();
    }

    public double Command(double z, int i) => _s.Lo[i] + z * ((double)_s.Hi[i] - _s.Lo[i]);

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < n; k++) a[r, k] -= f * a[col, k];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r, k] * x[k];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
