using EdgeToolkit.Control.NanoFramework;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.Cli.Control;

/// <summary>The nanoFramework controller built from the same settings and model as the .NET one (its DLL loads under .NET).</summary>
public static class NanoFrameworkTwin
{
    public static NrController Create(ControllerSettings s, MlpChain chain) => new(Settings(s), Model(chain));

    public static NrSettings Settings(ControllerSettings s) => new()
    {
        P = s.P, M = s.M, Delay = s.Delay, InputLags = s.InputLags, OutputLags = s.OutputLags,
        Horizon = s.Horizon, MaxIterations = s.MaxIterations, Period = s.Period, Tolerance = s.Tolerance,
        Barrier = s.Barrier, DisturbanceGain = s.DisturbanceGain,
        Lo = (float[])s.Lo.Clone(), Hi = (float[])s.Hi.Clone(), Rate = (float[])s.Rate.Clone(),
        UInitial = (float[])s.UInitial.Clone(), Lambda = (float[])s.Lambda.Clone(), Q = (float[])s.Q.Clone(),
        YScale = (float[])s.YScale.Clone(), YValidLo = (float[])s.YValidLo.Clone(), YValidHi = (float[])s.YValidHi.Clone(),
        SensorHoldMax = s.SensorHoldMax, MismatchSteps = s.MismatchSteps, MismatchThreshold = s.MismatchThreshold,
        Fallback = s.Fallback == FallbackMode.Pid ? NrFallbackMode.Pid : NrFallbackMode.Hold,
        PidOutput = (int[])s.PidOutput.Clone(), Kp = (float[])s.Kp.Clone(), Ki = (float[])s.Ki.Clone(),
        Kd = (float[])s.Kd.Clone(), Tf = (float[])s.Tf.Clone(), U0 = (float[])s.U0.Clone(), Mix = (float[])s.Mix.Clone(),
    };

    public static MlpModel Model(MlpChain chain) => new(chain.InputCount,
        chain.Layers.Select(l => l.Weights).ToArray(), chain.Layers.Select(l => l.Bias).ToArray(),
        chain.Layers.Select(l => (LayerActivation)(int)l.Activation).ToArray());
}
