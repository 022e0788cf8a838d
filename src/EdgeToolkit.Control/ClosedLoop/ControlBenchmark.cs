using EdgeToolkit.Control.Data;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>Newton and PID on the same reference and noise: the two runs and the ratio of their tracking errors.</summary>
public sealed record BenchmarkComparison(ClosedLoopResult Newton, ClosedLoopResult Pid)
{
    /// <summary>Newton's RMS / PID's, per output (NaN where untracked).</summary>
    public double[] RatioPerOutput => Newton.Rms.Zip(Pid.Rms, (n, p) => n / p).ToArray();
    /// <summary>Newton's normalised overall RMS / PID's.</summary>
    public double Ratio => Newton.Normalised / Pid.Normalised;
}

/// <summary>
/// The entry point the CLI calls (`control simulate`, `control benchmark`): a control model
/// folder (models/control-X: model.onnx + config.json), a controller, a standard reference and
/// optional faults; the plant is the folder's (config.json "plant"), the settings the stored
/// preset (ControllerPresets) unless given. Nothing is tuned at run time.
/// </summary>
public static class ControlBenchmark
{
    public static ClosedLoopResult Run(string modelFolder, ControllerKind controller, string referenceName,
        IReadOnlyList<Fault>? faults = null, int noiseSeed = 1, ControllerPreset? preset = null)
    {
        var config = ControlModelFolder.Read(modelFolder);
        preset ??= ControllerPresets.ForModelFolder(modelFolder);
        var reference = Reference(config.Plant, referenceName, config.ModelPath);
        ILoopController loop = controller == ControllerKind.Newton
            ? new NewtonLoopController(preset.Settings, MlpForwardModel.Load(config.ModelPath))
            : new PidLoopController(preset.Settings);
        var injection = faults is { Count: > 0 } ? new FaultInjection(faults) : null;
        return ClosedLoopSimulation.Run(PlantCatalog.Create(config.Plant), loop, reference, noiseSeed, injection);
    }

    /// <summary>Newton, then PID, with the same reference, noise seed and faults.</summary>
    public static BenchmarkComparison Compare(string modelFolder, string referenceName, IReadOnlyList<Fault>? faults = null,
        int noiseSeed = 1, ControllerPreset? preset = null)
    {
        preset ??= ControllerPresets.ForModelFolder(modelFolder);
        return new BenchmarkComparison(
            Run(modelFolder, ControllerKind.Newton, referenceName, faults, noiseSeed, preset),
            Run(modelFolder, ControllerKind.Pid, referenceName, faults, noiseSeed, preset));
    }

    /// <summary>"nr", "newton" or "pid" (case-insensitive).</summary>
    public static ControllerKind ParseKind(string name) => name.ToLowerInvariant() switch
    {
        "nr" or "newton" => ControllerKind.Newton,
        "pid" => ControllerKind.Pid,
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown controller '{name}'", hint: "use nr (Newton-Raphson) or pid"),
    };

    private static ReferenceTrajectory Reference(string plant, string name, string file)
    {
        if (!StandardReferences.Names.Contains(name))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown reference '{name}'", file,
                hint: $"use one of: {string.Join(", ", StandardReferences.Names)}");
        return StandardReferences.Create(plant, name);
    }
}
