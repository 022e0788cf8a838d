using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>What the model folder gives the program: its config, the tuned settings, the controller, and the plant's standard reference.</summary>
public sealed record ControlSetup(ControlModelFolder Config, ControllerPreset Preset, ILoopController Controller, ReferenceTrajectory Reference)
{
    public ControllerSettings Settings => Preset.Settings;

    public static ControlSetup Load(IotOptions options)
    {
        var config = ControlModelFolder.Read(options.Model);
        var preset = ControllerPresets.FromConfig(config, PlantTunings.For(config.Plant));
        ILoopController controller = options.Controller == "pid"
            ? new PidLoopController(preset.Settings)
            : new NewtonLoopController(preset.Settings, MlpForwardModel.Load(config.ModelPath));
        return new ControlSetup(config, preset, controller, StandardReferences.Create(preset.Plant, options.Reference));
    }

    /// <summary>The reference for period k (a ReferenceSignal); past its end the last row holds.</summary>
    public void ReferenceAt(long k, Span<float> outputs)
    {
        var row = Reference.Rows[(int)Math.Min(k, Reference.Rows.Length - 1)];
        for (int o = 0; o < outputs.Length; o++) outputs[o] = (float)row[o];
    }
}
