using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// The controller settings of a control model folder (models/control-X): limits, slew rates,
/// delay, lags, period and names from its config.json; y_scale and the valid band from the
/// held-out identification data (IdentificationRange); the tuned values from PlantTunings.
/// </summary>
public static class ControllerPresets
{
    public static ControllerPreset ForModelFolder(string folder, PlantTuning? tuning = null)
    {
        var config = ControlModelFolder.Read(folder);
        return FromConfig(config, tuning ?? PlantTunings.For(config.Plant));
    }

    public static ControllerPreset FromConfig(ControlModelFolder config, PlantTuning tuning)
    {
        int p = config.Inputs.Count, m = config.OutputNames.Count;
        if (tuning.Lambda.Length != p || tuning.OutputWeights.Length != m)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the tuning is for {tuning.Lambda.Length} commands and {tuning.OutputWeights.Length} outputs, the model has {p} and {m}",
                Path.Combine(config.Folder, ControlModelFolder.ConfigFile), hint: "the model folder's plant does not match the stored tuning");
        var (min, max) = IdentificationRange.Of(config.Plant, config.DataSeed, config.QuickData);
        var scale = new float[m];
        for (int o = 0; o < m; o++) scale[o] = Math.Max(max[o] - min[o], 1e-6f);
        var settings = new ControllerSettings
        {
            P = p, M = m, Delay = config.Delay, InputLags = config.InputLags, OutputLags = config.OutputLags,
            Period = (float)config.Period,
            Horizon = tuning.Horizon, MaxIterations = tuning.MaxIterations, Barrier = tuning.Barrier, DisturbanceGain = tuning.DisturbanceGain,
            Lo = config.Inputs.Select(i => (float)i.Min).ToArray(),
            Hi = config.Inputs.Select(i => (float)i.Max).ToArray(),
            Rate = config.Inputs.Select(i => (float)(i.RatePerSecond * config.Period)).ToArray(),
            UInitial = config.Inputs.Select(i => (float)i.Initial).ToArray(),
            Lambda = (float[])tuning.Lambda.Clone(),
            Q = Enumerable.Range(0, m).Select(o => tuning.OutputWeights[o] / (scale[o] * scale[o])).ToArray(),
            YScale = scale,
            YValidLo = Enumerable.Range(0, m).Select(o => min[o] - 0.5f * scale[o]).ToArray(),
            YValidHi = Enumerable.Range(0, m).Select(o => max[o] + 0.5f * scale[o]).ToArray(),
            PidOutput = (int[])tuning.PidOutput.Clone(),
            Kp = (float[])tuning.Kp.Clone(), Ki = (float[])tuning.Ki.Clone(), Kd = (float[])tuning.Kd.Clone(), Tf = (float[])tuning.Tf.Clone(),
            U0 = (float[])tuning.U0.Clone(), Mix = (float[])tuning.Mix.Clone(),
        };
        SettingsCheck.Validate(settings, file: Path.Combine(config.Folder, ControlModelFolder.ConfigFile));
        return new ControllerPreset(config.Plant, config.Inputs.Select(i => i.Name).ToArray(), config.OutputNames, settings);
    }
}
