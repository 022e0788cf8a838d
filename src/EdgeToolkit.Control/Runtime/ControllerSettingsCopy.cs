namespace EdgeToolkit.Control.Runtime;

public static class ControllerSettingsCopy
{
    /// <summary>A deep copy (arrays cloned), e.g. to try other gains without touching a preset.</summary>
    public static ControllerSettings Copy(this ControllerSettings s) => new()
    {
        P = s.P, M = s.M, Delay = s.Delay, InputLags = s.InputLags, OutputLags = s.OutputLags, Period = s.Period,
        Horizon = s.Horizon, MaxIterations = s.MaxIterations, Tolerance = s.Tolerance, Barrier = s.Barrier, DisturbanceGain = s.DisturbanceGain,
        Lo = (float[])s.Lo.Clone(), Hi = (float[])s.Hi.Clone(), Rate = (float[])s.Rate.Clone(), UInitial = (float[])s.UInitial.Clone(),
        Lambda = (float[])s.Lambda.Clone(), Q = (float[])s.Q.Clone(), YScale = (float[])s.YScale.Clone(),
        YValidLo = (float[])s.YValidLo.Clone(), YValidHi = (float[])s.YValidHi.Clone(),
        SensorHoldMax = s.SensorHoldMax, MismatchSteps = s.MismatchSteps, MismatchThreshold = s.MismatchThreshold, Fallback = s.Fallback,
        PidOutput = (int[])s.PidOutput.Clone(), Kp = (float[])s.Kp.Clone(), Ki = (float[])s.Ki.Clone(), Kd = (float[])s.Kd.Clone(),
        Tf = (float[])s.Tf.Clone(), U0 = (float[])s.U0.Clone(), Mix = (float[])s.Mix.Clone(),
    };
}
