using EdgeToolkit.Control.NanoFramework;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>Models and settings shared by the nanoFramework controller's tests.</summary>
internal static class NanoFixtures
{
    public static string RepoRoot => EdgeToolkit.Targets.RepoPaths.Root;

    public static string MsdModelPath => Path.Combine(RepoRoot, "models", "control-msd", "model.onnx");

    public static MlpChain LoadMsdChain() => MlpChain.Extract(OnnxImporter.Load(MsdModelPath));

    /// <summary>The chain's layers as the arrays the nanoFramework model takes.</summary>
    public static MlpModel ToNano(MlpChain chain) => new(
        chain.InputCount,
        chain.Layers.Select(l => l.Weights).ToArray(),
        chain.Layers.Select(l => l.Bias).ToArray(),
        chain.Layers.Select(l => (LayerActivation)(int)l.Activation).ToArray());

    /// <summary>One dense layer without activation: y = W x + b, W row-major [outputs x inputs].</summary>
    public static MlpModel Linear(int inputs, float[] weights, float[] bias) =>
        new(inputs, new[] { weights }, new[] { bias }, new[] { LayerActivation.Identity });

    /// <summary>
    /// Settings for p commands and m outputs with delay 1, every command on [-2, 2] from 0.4 with a
    /// rate that never binds, valid readings on [-10, 10] (scale 1), no barrier, no disturbance
    /// filter, a P-only PID on output 0 through every command; tests change what they exercise.
    /// </summary>
    public static NrSettings Settings(int p, int m, int inputLags = 1, int outputLags = 1, int horizon = 1) => new()
    {
        P = p, M = m, Delay = 1, InputLags = inputLags, OutputLags = outputLags,
        Horizon = horizon, MaxIterations = 1, Period = 0.02f, Barrier = 0f, DisturbanceGain = 0f,
        Lo = Fill(p, -2f), Hi = Fill(p, 2f), Rate = Fill(p, 10f), UInitial = Fill(p, 0.4f), Lambda = Fill(p, 0.05f),
        Q = Fill(m, 1f), YScale = Fill(m, 1f), YValidLo = Fill(m, -10f), YValidHi = Fill(m, 10f),
        MismatchThreshold = 100f, Fallback = NrFallbackMode.Pid,
        PidOutput = new[] { 0 }, Kp = new[] { 1f }, Ki = new[] { 0f }, Kd = new[] { 0f }, Tf = new[] { 0f },
        U0 = Fill(p, 0.1f), Mix = Fill(p, 1f),
    };

    public static float[] Fill(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
