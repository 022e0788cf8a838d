using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Tests.Support;

/// <summary>Controller settings of the msd plant written by hand (force in, position and velocity out), a PID and a step reference.</summary>
public static class MsdSetup
{
    public static ControllerSettings Settings(int horizon = 1) => new()
    {
        P = 1, M = 2, Delay = 1, InputLags = 3, OutputLags = 2, Horizon = horizon, Period = 0.02f,
        Lo = [-10f], Hi = [10f], Rate = [10f], UInitial = [0f],
        YScale = [1.27f, 4.78f], YValidLo = [-1.0f, -3.0f], YValidHi = [1.0f, 3.0f],
    };

    public static TestPid Pid() => new(kp: 80, ki: 100, kd: 10, period: 0.02f, lo: -10, hi: 10, rate: 10);

    /// <summary>Position steps from 0 to <paramref name="target"/> m at period <paramref name="at"/>; velocity reference 0.</summary>
    public static void Step(long period, Span<float> outputs, long at = 10, float target = 0.2f)
    {
        outputs[0] = period >= at ? target : 0f;
        outputs[1] = 0f;
    }
}
