namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The PID of docs/controller.md in float32: the baseline on its own, and the Newton
/// controller's fallback (which runs it every period and reports the command it sent through
/// Track, so that switching over is smooth). Per loop l on output o = PidOutput[l]:
/// e = r(k+D+1)[o] - y(k)[o], P = kp e, I += ki T e, Dterm = (tf Dterm_prev - kd (y - y_prev)) / (tf + T),
/// v = P + I + Dterm; u[i] = u0[i] + sum_l mix[l][i] v[l], clipped to the limits and the slew rate.
/// </summary>
/// <remarks>
/// Anti-windup is back-calculation against the PID's unclipped command u = u0 + mix v (kept by
/// Step): after every period Track(u_sent) does I += kaw T sum_i mix[l][i] (u_sent[i] - u[i]) /
/// sum_i mix[l][i]^2, u_sent being the PID's own clipped command when it runs alone and the Newton
/// command while Newton is in charge; loops without an integrator (ki = 0) are not pulled.
/// </remarks>
public sealed class PidController
{
    private readonly ControllerSettings _s;
    private readonly float[] _integral, _dterm, _yPrev, _v, _unclipped;
    private bool _started;

    public PidController(ControllerSettings settings)
    {
        _s = settings;
        int loops = settings.PidLoops;
        _integral = new float[loops];
        _dterm = new float[loops];
        _yPrev = new float[loops];
        _v = new float[loops];
        _unclipped = new float[settings.P];
    }

    /// <summary>The integrator of each loop (for tests and logs).</summary>
    public ReadOnlySpan<float> Integral => _integral;

    public void Reset()
    {
        Array.Clear(_integral);
        Array.Clear(_dterm);
        Array.Clear(_yPrev);
        _started = false;
    }

    /// <summary>
    /// One period: y(k) (a valid reading), the reference rows (row 0 is r(k+D+1); further rows
    /// are ignored) and u(k-1) for the slew limit; writes the clipped command.
    /// </summary>
    public void Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> reference, ReadOnlySpan<float> lastCommand, Span<float> command)
    {
        var s = _s;
        float t = s.Period;
        for (int l = 0; l < s.PidLoops; l++)
        {
            int o = s.PidOutput[l];
            float y = measured[o];
            float e = reference[o] - y;
            if (!_started) _yPrev[l] = y;
            float p = s.Kp[l] * e;
            _integral[l] += s.Ki[l] * t * e;
            _dterm[l] = (s.Tf[l] * _dterm[l] - s.Kd[l] * (y - _yPrev[l])) / (s.Tf[l] + t);
            _yPrev[l] = y;
            _v[l] = p + _integral[l] + _dterm[l];
        }
        _started = true;
        for (int i = 0; i < s.P; i++)
        {
            float u = s.U0[i];
            for (int l = 0; l < s.PidLoops; l++) u += s.Mix[l * s.P + i] * _v[l];
            _unclipped[i] = u;
            float lo = MathF.Max(s.Lo[i], lastCommand[i] - s.Rate[i]);
            float hi = MathF.Min(s.Hi[i], lastCommand[i] + s.Rate[i]);
            command[i] = u < lo ? lo : u > hi ? hi : u;
        }
    }

    /// <summary>Back-calculation on the command actually sent, against Step's unclipped command.</summary>
    public void Track(ReadOnlySpan<float> sent)
    {
        ReadOnlySpan<float> proposed = _unclipped;
        var s = _s;
        for (int l = 0; l < s.PidLoops; l++)
        {
            float num = 0f, den = 0f;
            for (int i = 0; i < s.P; i++)
            {
                float w = s.Mix[l * s.P + i];
                num += w * (sent[i] - proposed[i]);
                den += w * w;
            }
            if (den > 0f && s.Ki[l] != 0f) _integral[l] += BackCalculationGain(l) * s.Period * num / den;
        }
    }

    /// <summary>kaw = 1 / max(T, ti), ti = kp / ki.</summary>
    private float BackCalculationGain(int l) => 1f / MathF.Max(_s.Period, _s.Kp[l] / _s.Ki[l]);
}
