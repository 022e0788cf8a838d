using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// controller.json: a ControllerPreset as the CLI and the firmware builder read it (schema in
/// Runtime/README.md). Field names are the docs/controller.md names; floats are written in
/// shortest round-trip form, so a file read back gives bit-identical settings.
/// </summary>
public static class ControllerJson
{
    public const string Format = "edgetk-controller", FileName = "controller.json";
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string ToJson(ControllerPreset preset) => JsonSerializer.Serialize(ControllerFile.From(preset), Options) + "\n";

    public static void Save(ControllerPreset preset, string path) => File.WriteAllText(path, ToJson(preset));

    public static ControllerPreset Load(string path)
    {
        if (!File.Exists(path)) throw new EdgeToolkitException(ErrorKind.BadInput, "controller settings file not found", path);
        return FromJson(File.ReadAllText(path), path);
    }

    public static ControllerPreset FromJson(string json, string? file = null)
    {
        ControllerPreset preset;
        try
        {
            var dto = JsonSerializer.Deserialize<ControllerFile>(json, Options);
            if (dto is null || dto.Format != Format)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"not a controller.json (format must be '{Format}')", file);
            if (dto.Version != Version)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"controller.json version {dto.Version}, this toolkit reads version {Version}", file);
            preset = dto.ToPreset();
        }
        catch (JsonException e)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"not a controller.json ({e.Message})", file, inner: e);
        }
        SettingsCheck.Validate(preset.Settings, file: file);
        return preset;
    }

    /// <summary>The file's shape (snake_case on disk).</summary>
    private sealed class ControllerFile
    {
        public required string Format { get; set; }
        public required int Version { get; set; }
        public required string Plant { get; set; }
        public required string[] InputNames { get; set; }
        public required string[] OutputNames { get; set; }
        public required int P { get; set; }
        public required int M { get; set; }
        public required int Delay { get; set; }
        public required int InputLags { get; set; }
        public required int OutputLags { get; set; }
        public required float Period { get; set; }
        public required int Horizon { get; set; }
        public required int MaxIterations { get; set; }
        public required float Tolerance { get; set; }
        public required float Barrier { get; set; }
        public required float DisturbanceGain { get; set; }
        public required float[] Lo { get; set; }
        public required float[] Hi { get; set; }
        public required float[] Rate { get; set; }
        public required float[] UInitial { get; set; }
        public required float[] Lambda { get; set; }
        public required float[] Q { get; set; }
        public required float[] YScale { get; set; }
        public required float[] YValidLo { get; set; }
        public required float[] YValidHi { get; set; }
        public required int SensorHoldMax { get; set; }
        public required int MismatchSteps { get; set; }
        public required float MismatchThreshold { get; set; }
        public required FallbackMode Fallback { get; set; }
        public required int[] PidOutput { get; set; }
        public required float[] Kp { get; set; }
        public required float[] Ki { get; set; }
        public required float[] Kd { get; set; }
        public required float[] Tf { get; set; }
        public required float[] U0 { get; set; }
        public required float[][] Mix { get; set; }

        public static ControllerFile From(ControllerPreset preset)
        {
            var s = preset.Settings;
            return new ControllerFile
            {
                Format = ControllerJson.Format, Version = ControllerJson.Version, Plant = preset.Plant,
                InputNames = preset.InputNames.ToArray(), OutputNames = preset.OutputNames.ToArray(),
                P = s.P, M = s.M, Delay = s.Delay, InputLags = s.InputLags, OutputLags = s.OutputLags, Period = s.Period,
                Horizon = s.Horizon, MaxIterations = s.MaxIterations, Tolerance = s.Tolerance, Barrier = s.Barrier, DisturbanceGain = s.DisturbanceGain,
                Lo = s.Lo, Hi = s.Hi, Rate = s.Rate, UInitial = s.UInitial, Lambda = s.Lambda,
                Q = s.Q, YScale = s.YScale, YValidLo = s.YValidLo, YValidHi = s.YValidHi,
                SensorHoldMax = s.SensorHoldMax, MismatchSteps = s.MismatchSteps, MismatchThreshold = s.MismatchThreshold, Fallback = s.Fallback,
                PidOutput = s.PidOutput, Kp = s.Kp, Ki = s.Ki, Kd = s.Kd, Tf = s.Tf, U0 = s.U0,
                Mix = Enumerable.Range(0, s.PidLoops).Select(l => s.Mix.AsSpan(l * s.P, s.P).ToArray()).ToArray(),
            };
        }

        public ControllerPreset ToPreset()
        {
            if (Mix.Any(row => row.Length != P)) throw new JsonException($"every row of mix needs p = {P} values");
            var settings = new ControllerSettings
            {
                P = P, M = M, Delay = Delay, InputLags = InputLags, OutputLags = OutputLags, Period = Period,
                Horizon = Horizon, MaxIterations = MaxIterations, Tolerance = Tolerance, Barrier = Barrier, DisturbanceGain = DisturbanceGain,
                Lo = Lo, Hi = Hi, Rate = Rate, UInitial = UInitial, Lambda = Lambda,
                Q = Q, YScale = YScale, YValidLo = YValidLo, YValidHi = YValidHi,
                SensorHoldMax = SensorHoldMax, MismatchSteps = MismatchSteps, MismatchThreshold = MismatchThreshold, Fallback = Fallback,
                PidOutput = PidOutput, Kp = Kp, Ki = Ki, Kd = Kd, Tf = Tf, U0 = U0,
                Mix = Mix.SelectMany(row => row).ToArray(),
            };
            return new ControllerPreset(Plant, InputNames, OutputNames, settings);
        }
    }
}
