using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

/// <summary>Settings for hand-checked controller cases: wide limits and rates (no projection), no barrier unless asked, one PID loop per output.</summary>
internal static class ControllerTestSettings
{
    public static ControllerSettings Create(int p, int m, int delay, int inputLags, int outputLags, int horizon,
        float lambda = 0.1f, float q = 1f, float rate = 100f, float lo = -100f, float hi = 100f, float uInitial = 0f, float barrier = 0f)
    {
        int loops = Math.Min(p, m);
        var mix = new float[loops * p];
        for (int l = 0; l < loops; l++) mix[l * p + l] = 1f;
        return new ControllerSettings
        {
            P = p, M = m, Delay = delay, InputLags = inputLags, OutputLags = outputLags, Period = 0.1f,
            Horizon = horizon, MaxIterations = 1, Tolerance = 0f, Barrier = barrier, DisturbanceGain = 0f,
            Lo = Enumerable.Repeat(lo, p).ToArray(), Hi = Enumerable.Repeat(hi, p).ToArray(), Rate = Enumerable.Repeat(rate, p).ToArray(),
            UInitial = Enumerable.Repeat(uInitial, p).ToArray(), Lambda = Enumerable.Repeat(lambda, p).ToArray(),
            Q = Enumerable.Repeat(q, m).ToArray(), YScale = Enumerable.Repeat(1f, m).ToArray(),
            YValidLo = Enumerable.Repeat(-1000f, m).ToArray(), YValidHi = Enumerable.Repeat(1000f, m).ToArray(),
            MismatchThreshold = 1e9f,
            PidOutput = Enumerable.Range(0, loops).ToArray(), Kp = Enumerable.Repeat(0.5f, loops).ToArray(), Ki = Enumerable.Repeat(0.2f, loops).ToArray(),
            Kd = new float[loops], Tf = Enumerable.Repeat(0.1f, loops).ToArray(), U0 = new float[p], Mix = mix,
        };
    }
}
