using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Tests.Support;

/// <summary>
/// A plain PID on the msd's position with its measured velocity as the derivative, written here
/// so the I/O chain can be tested without the toolkit's controllers. A NaN reading holds the
/// last command (the toolkit's controllers substitute the last valid reading instead).
/// </summary>
public sealed class TestPid(float kp, float ki, float kd, float period, float lo, float hi, float rate)
{
    private float _integral, _last;

    public int NanReadings { get; private set; }

    public ControlSource Step(ReadOnlySpan<float> measured, ReadOnlySpan<float> reference, Span<float> command)
    {
        if (!float.IsFinite(measured[0]) || !float.IsFinite(measured[1]))
        {
            NanReadings++;
            command[0] = _last;
            return ControlSource.FallbackSensor;
        }
        float error = reference[0] - measured[0];
        float unclipped = kp * error + ki * (_integral + error * period) - kd * measured[1];
        float u = Math.Clamp(Math.Clamp(unclipped, lo, hi), _last - rate, _last + rate);
        // Conditional integration: no windup while the command is clipped.
        if (u == unclipped) _integral += error * period;
        _last = command[0] = u;
        return ControlSource.Newton;
    }
}
