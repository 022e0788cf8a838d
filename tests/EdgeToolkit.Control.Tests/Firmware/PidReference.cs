using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>
/// The PID of docs/controller.md in double, for checking etk_pid.c. Back-calculation runs from the
/// PID's unclipped command (kept by Step) to the command sent (Track), for loops with an integrator.
/// </summary>
public sealed class PidReference(ControllerSettings s)
{
    private readonly double[] _integral = new double[s.PidLoops], _dterm = new double[s.PidLoops], _yPrev = new double[s.PidLoops];
    private double[] _raw = new double[s.P];
    private bool _started;

    public IReadOnlyList<double> Integral => _integral;
    public IReadOnlyList<double> Dterm => _dterm;

    /// <summary>One period on y(k) and the first reference row; returns the clipped command.</summary>
    public double[] Step(IReadOnlyList<double> y, IReadOnlyList<double> reference, IReadOnlyList<double> uLast)
    {
        double T = s.Period;
        var v = new double[s.PidLoops];
        for (int l = 0; l < s.PidLoops; l++)
        {
            int o = s.PidOutput[l];
            if (!_started) _yPrev[l] = y[o];
            double e = reference[o] - y[o];
            _integral[l] += s.Ki[l] * T * e;
            _dterm[l] = (s.Tf[l] * _dterm[l] - s.Kd[l] * (y[o] - _yPrev[l])) / (s.Tf[l] + T);
            _yPrev[l] = y[o];
            v[l] = s.Kp[l] * e + _integral[l] + _dterm[l];
        }
        _started = true;
        var proposed = new double[s.P];
        var u = new double[s.P];
        for (int i = 0; i < s.P; i++)
        {
            proposed[i] = s.U0[i] + Enumerable.Range(0, s.PidLoops).Sum(l => s.Mix[l * s.P + i] * v[l]);
            u[i] = Math.Clamp(Math.Clamp(proposed[i], s.Lo[i], s.Hi[i]), uLast[i] - s.Rate[i], uLast[i] + s.Rate[i]);
        }
        _raw = proposed;
        return u;
    }

    public void Track(IReadOnlyList<double> sent) => BackCalculate(_raw, sent);

    private void BackCalculate(IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        double T = s.Period;
        for (int l = 0; l < s.PidLoops; l++)
        {
            double along = 0, norm = 0;
            for (int i = 0; i < s.P; i++)
            {
                along += s.Mix[l * s.P + i] * (to[i] - from[i]);
                norm += s.Mix[l * s.P + i] * s.Mix[l * s.P + i];
            }
            if (norm <= 0 || s.Ki[l] == 0) continue;
            double ti = s.Kp[l] / (double)s.Ki[l];
            _integral[l] += T / Math.Max(T, ti) * along / norm;
        }
    }
}
