using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Control;

/// <summary>One period as the C controller saw it on the board: y(k), the preview rows, and the command it sent.</summary>
public sealed record ObservedStep(float[] Measured, float[] Preview, float[] Command, int Source);

/// <summary>
/// How far the .NET and nanoFramework controllers are from the C one on the same inputs: largest
/// absolute command difference (the command's units) per pair, and the largest over all pairs
/// divided by the command's range.
/// </summary>
public sealed record AgreementResult(int Steps, double NetVsC, double NanoVsC, double NetVsNano, double MaxDiffOfRange, int SourceMismatches)
{
    public double MaxDiff => Math.Max(NetVsC, Math.Max(NanoVsC, NetVsNano));
}

/// <summary>
/// Replays what the C controller received on the board (y(k) and the preview, period by period)
/// into the .NET and the nanoFramework controllers, and compares their commands with the C
/// controller's: the three implementations of docs/controller.md on the same inputs.
/// </summary>
public static class ImplementationAgreement
{
    public static AgreementResult Replay(ControllerSettings settings, string modelPath, IReadOnlyList<ObservedStep> steps)
    {
        var chain = MlpChain.Extract(OnnxImporter.Load(modelPath));
        var net = new NewtonRaphsonController(settings, new MlpForwardModel(chain));
        var nano = NanoFrameworkTwin.Create(settings, chain);
        net.Reset();
        nano.Reset();
        var uNet = new float[settings.P];
        var uNano = new float[settings.P];
        double netC = 0, nanoC = 0, netNano = 0, ofRange = 0;
        int sourceMismatches = 0;
        foreach (var step in steps)
        {
            var sNet = net.Step(step.Measured, step.Preview, uNet);
            var sNano = nano.Step((float[])step.Measured.Clone(), step.Preview, uNano);
            if ((int)sNet != step.Source || (int)sNano != step.Source) sourceMismatches++;
            for (int i = 0; i < settings.P; i++)
            {
                double a = Math.Abs(uNet[i] - step.Command[i]), b = Math.Abs(uNano[i] - step.Command[i]), c = Math.Abs(uNet[i] - uNano[i]);
                netC = Math.Max(netC, a);
                nanoC = Math.Max(nanoC, b);
                netNano = Math.Max(netNano, c);
                ofRange = Math.Max(ofRange, Math.Max(a, Math.Max(b, c)) / (settings.Hi[i] - settings.Lo[i]));
            }
        }
        return new AgreementResult(steps.Count, netC, nanoC, netNano, ofRange, sourceMismatches);
    }
}
