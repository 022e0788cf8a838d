using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>What the reference expects of one period.</summary>
/// <param name="Minimiser">Newton periods: the unconstrained minimiser of the barrier-free quadratic cost (closed form).</param>
/// <param name="Window">Newton periods: the projection window [lower, upper] of z.</param>
/// <param name="StopMargins">Newton periods: max abs(dz) / tolerance of each iteration (a value near 1 would make the test fragile).</param>
public sealed record ExpectedPeriod(int Source, double[] U, double[]? Minimiser, (double[] Lower, double[] Upper)? Window,
    int Iterations, bool Bound, IReadOnlyList<double> StopMargins);

/// <summary>
/// docs/controller.md in double for the linear model y = A x + b, replayed along a C run: each
/// period takes the reading the C program fed and, afterwards, the command it sent, so errors do
/// not compound. Independent of etk_nr.c's machinery: the rollout is evaluated directly for any z,
/// sensitivities come from linearity (yhat(z + e_i) - yhat(z)), and the linear systems are solved
/// by Gaussian elimination.
/// </summary>
public sealed class LinearControllerReference
{
    private const double Eps = 1e-4;
    private readonly NrScenario _scn;
    private readonly ControllerSettings _s;
    private readonly int _p, _m, _n, _d, _lu, _ly, _horizon;
    private readonly List<double[]> _uHist = new(), _yHist = new();
    private double[] _yPred, _dist, _zPrev;
    private bool _yPredValid, _haveReading;
    private int _sensorRun, _mismatchRun;
    private readonly PidReference _pid;
    private long _fallbacks, _sensor, _mismatch, _singular, _diverged, _faults, _iterations, _saturated, _steps;

    private LinearControllerReference(NrScenario scn)
    {
        _scn = scn;
        _s = scn.Settings;
        (_p, _m, _d, _lu, _ly, _horizon) = (_s.P, _s.M, _s.Delay, _s.InputLags, _s.OutputLags, _s.Horizon);
        _n = _p * _lu + _m * _ly;
        for (int r = 0; r < _d + _lu; r++) _uHist.Add(_s.UInitial.Select(v => (double)v).ToArray());
        for (int r = 0; r < _ly; r++) _yHist.Add(new double[_m]);
        _yPred = new double[_m];
        _dist = new double[_m];
        _zPrev = Enumerable.Range(0, _p).Select(i => Z(i, _s.UInitial[i])).ToArray();
        _pid = new PidReference(_s);
    }

    public static (IReadOnlyList<ExpectedPeriod> Periods, NrCounters Counters) Replay(NrScenario scenario, IReadOnlyList<NrStep> run)
    {
        var reference = new LinearControllerReference(scenario);
        var periods = run.Select((step, k) => reference.Period(k, step)).ToList();
        var r = reference;
        return (periods, new NrCounters(r._steps, r._fallbacks, r._sensor, r._mismatch, r._singular, r._diverged, r._faults, r._iterations, r._saturated));
    }

    private double Range(int i) => (double)_s.Hi[i] - _s.Lo[i];
    private double Z(int i, double u) => (u - _s.Lo[i]) / Range(i);

    private ExpectedPeriod Period(int k, NrStep step)
    {
        var y = step.Y.Select(v => (double)v).ToArray();
        var reference = _scn.Refs[k].Select(v => (double)v).ToArray();
        var fault = _scn.FaultAt(k);

        bool valid = Enumerable.Range(0, _m).All(o => double.IsFinite(y[o]) && y[o] >= _s.YValidLo[o] && y[o] <= _s.YValidHi[o]);
        if (valid) _sensorRun = 0;
        else { _faults++; _sensorRun++; }
        _yHist.Insert(0, valid ? y : _yHist[0]);
        _yHist.RemoveAt(_ly);
        if (valid && !_haveReading) for (int r = 1; r < _ly; r++) _yHist[r] = y;
        _haveReading |= valid;

        if (valid && _yPredValid)
        {
            double nu = 0;
            for (int o = 0; o < _m; o++)
            {
                double e = y[o] - _yPred[o];
                _dist[o] += _s.DisturbanceGain * (e - _dist[o]);
                nu = Math.Max(nu, Math.Abs(e) / _s.YScale[o]);
            }
            _mismatchRun = nu > _s.MismatchThreshold ? _mismatchRun + 1 : 0;
        }

        var free = Rollout(_zPrev);
        bool freeOk = (fault is ModelFault.None or ModelFault.NaNJacobian) && Enumerable.Range(0, _d).All(j => PredictionOk(free[j]));
        _yPredValid = freeOk;
        _yPred = free[0];

        var uPid = _pid.Step(_yHist[0], reference[.._m], _uHist[0]);
        int source;
        ExpectedPeriod? newton = null;
        if (_sensorRun > _s.SensorHoldMax) source = (int)ControlSource.FallbackSensor;
        else if (_mismatchRun >= _s.MismatchSteps) source = (int)ControlSource.FallbackMismatch;
        else if (!freeOk) source = (int)ControlSource.FallbackDiverged;
        else
        {
            newton = Newton(reference, fault);
            source = newton.Source;
        }

        double[] u = source == (int)ControlSource.Newton ? newton!.U
            : _s.Fallback == FallbackMode.Pid ? uPid : (double[])_uHist[0].Clone();
        if (source != (int)ControlSource.Newton)
        {
            _fallbacks++;
            if (source == (int)ControlSource.FallbackSensor) _sensor++;
            else if (source == (int)ControlSource.FallbackMismatch) _mismatch++;
            else if (source == (int)ControlSource.FallbackSingular) _singular++;
            else _diverged++;
        }
        else if (newton!.Bound) _saturated++;

        var sent = step.U.Select(v => (double)v).ToArray();
        _pid.Track(sent);
        _uHist.Insert(0, sent);
        _uHist.RemoveAt(_d + _lu);
        _zPrev = Enumerable.Range(0, _p).Select(i => Z(i, sent[i])).ToArray();
        _steps++;
        return newton != null && source == (int)ControlSource.Newton ? newton
            : new ExpectedPeriod(source, u, null, null, newton?.Iterations ?? 0, false, newton?.StopMargins ?? []);
    }

    private bool PredictionOk(double[] y) => Enumerable.Range(0, _m).All(o =>
        double.IsFinite(y[o]) && y[o] >= _s.YValidLo[o] - 10.0 * _s.YScale[o] && y[o] <= _s.YValidHi[o] + 10.0 * _s.YScale[o]);

    /// <summary>yhat[j] = y(k+j+1) for j = 0 .. D+N-1 with the command u = lo + z range held from period k on.</summary>
    private double[][] Rollout(IReadOnlyList<double> z)
    {
        var yhat = new double[_d + _horizon][];
        for (int j = 0; j < _d + _horizon; j++)
        {
            var x = new double[_n];
            for (int l = 0; l < _lu; l++)
                for (int i = 0; i < _p; i++)
                {
                    int t = j - _d - l; // the block is u(k+t)
                    x[l * _p + i] = t >= 0 ? _s.Lo[i] + z[i] * Range(i) : _uHist[-t - 1][i];
                }
            for (int l = 0; l < _ly; l++)
                for (int o = 0; o < _m; o++)
                {
                    int t = j - l; // the block is y(k+t)
                    x[_p * _lu + l * _m + o] = t > 0 ? yhat[t - 1][o] + _dist[o] : _yHist[-t][o]; // predicted outputs carry the disturbance estimate
                }
            yhat[j] = Enumerable.Range(0, _m).Select(o => _scn.B[o] + Enumerable.Range(0, _n).Sum(i => (double)_scn.A[o * _n + i] * x[i])).ToArray();
        }
        return yhat;
    }

    /// <summary>Predictions over the horizon (rows D..D+N-1) and their sensitivities to z, exact for a linear model.</summary>
    private (double[][] Yhat, double[][,] S) Linearise(double[] z)
    {
        var at = Rollout(z);
        var S = new double[_horizon][,];
        for (int j = 0; j < _horizon; j++) S[j] = new double[_m, _p];
        for (int i = 0; i < _p; i++)
        {
            var moved = (double[])z.Clone();
            moved[i] += 1;
            var shifted = Rollout(moved);
            for (int j = 0; j < _horizon; j++)
                for (int o = 0; o < _m; o++) S[j][o, i] = shifted[_d + j][o] - at[_d + j][o];
        }
        return (at[_d..], S);
    }

    private ExpectedPeriod Newton(double[] reference, ModelFault fault)
    {
        var lower = Enumerable.Range(0, _p).Select(i => Math.Max(Eps, _zPrev[i] - _s.Rate[i] / Range(i))).ToArray();
        var upper = Enumerable.Range(0, _p).Select(i => Math.Min(1 - Eps, _zPrev[i] + _s.Rate[i] / Range(i))).ToArray();
        var minimiser = Minimiser(reference);
        var z = _zPrev.Select(v => Math.Clamp(v, Eps, 1 - Eps)).ToArray();
        var margins = new List<double>();
        bool bound = false;
        int iterations = 0;
        ExpectedPeriod Fallback(ControlSource why) => new((int)why, [], null, null, iterations, false, margins);
        for (int it = 0; it < _s.MaxIterations; it++)
        {
            iterations++;
            _iterations++;
            var (yhat, S) = Linearise(z);
            if (fault != ModelFault.None || !yhat.All(PredictionOk)) return Fallback(ControlSource.FallbackDiverged);
            var g = new double[_p];
            var H = new double[_p, _p];
            for (int i = 0; i < _p; i++)
            {
                double w = 1 - z[i], s = _s.Barrier;
                g[i] = 2 * _s.Lambda[i] * (z[i] - _zPrev[i]) + s * (1 / (w * w) - 1 / (z[i] * z[i]));
                H[i, i] = 2 * _s.Lambda[i] + s * (2 / (z[i] * z[i] * z[i]) + 2 / (w * w * w));
                for (int j = 0; j < _horizon; j++)
                    for (int o = 0; o < _m; o++)
                    {
                        double e = reference[j * _m + o] - (yhat[j][o] + _dist[o]);
                        g[i] -= 2 * _s.Q[o] * S[j][o, i] * e;
                        for (int c = 0; c < _p; c++) H[i, c] += 2 * _s.Q[o] * S[j][o, i] * S[j][o, c];
                    }
            }
            var dz = Solve(H, g);
            if (dz == null) return Fallback(ControlSource.FallbackSingular);
            bound = false;
            for (int i = 0; i < _p; i++)
            {
                double moved = z[i] - dz[i];
                z[i] = Math.Clamp(moved, lower[i], upper[i]);
                bound |= z[i] != moved;
            }
            double largest = dz.Max(Math.Abs);
            margins.Add(largest / _s.Tolerance);
            if (largest < _s.Tolerance) break;
        }
        var u = Enumerable.Range(0, _p).Select(i => _s.Lo[i] + z[i] * Range(i)).ToArray();
        return new ExpectedPeriod((int)ControlSource.Newton, u, minimiser, (lower, upper), iterations, bound, margins);
    }

    /// <summary>
    /// The minimiser of sum_j sum_o q (r - d - yhat)^2 + sum_i lambda (z - z_prev)^2 with yhat = c + S z:
    /// (sum q S^T S + Lambda) z = sum q S^T (r - d - c) + Lambda z_prev. Null when that system is singular.
    /// </summary>
    private double[]? Minimiser(double[] reference)
    {
        var (c, S) = Linearise(new double[_p]);
        var M = new double[_p, _p];
        var rhs = new double[_p];
        for (int i = 0; i < _p; i++)
        {
            M[i, i] = _s.Lambda[i];
            rhs[i] = _s.Lambda[i] * _zPrev[i];
            for (int j = 0; j < _horizon; j++)
                for (int o = 0; o < _m; o++)
                {
                    rhs[i] += _s.Q[o] * S[j][o, i] * (reference[j * _m + o] - _dist[o] - c[j][o]);
                    for (int k = 0; k < _p; k++) M[i, k] += _s.Q[o] * S[j][o, i] * S[j][o, k];
                }
        }
        return Solve(M, rhs);
    }

    /// <summary>Gaussian elimination without pivoting (the matrices are symmetric); null for a pivot below 1e-12 of the largest diagonal.</summary>
    private static double[]? Solve(double[,] matrix, double[] rhs)
    {
        int p = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        double largest = Enumerable.Range(0, p).Max(i => a[i, i]);
        for (int col = 0; col < p; col++)
        {
            if (!(a[col, col] > 1e-12 * largest)) return null;
            for (int row = col + 1; row < p; row++)
            {
                double f = a[row, col] / a[col, col];
                for (int k = col; k < p; k++) a[row, k] -= f * a[col, k];
                b[row] -= f * b[col];
            }
        }
        var x = new double[p];
        for (int row = p - 1; row >= 0; row--)
            x[row] = (b[row] - Enumerable.Range(row + 1, p - row - 1).Sum(k => a[row, k] * x[k])) / a[row, row];
        return x;
    }
}
