using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.Control.Iot.Actuators;
using EdgeToolkit.Control.Iot.Sensors;
using EdgeToolkit.Control.Iot.Wiring;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Graph;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>
/// The wiring as JSON: per output the ADS1115 input and two calibration points (voltage read at a
/// known value), per command the PCA9685 channel and the duty cycles at its limits. The limits
/// themselves come from the model (config.json), so a file cannot contradict them.
/// </summary>
public static class WiringFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(IoWiring wiring, IReadOnlyList<string> outputNames, IReadOnlyList<string> inputNames)
    {
        var outputs = new JsonArray(wiring.Outputs.Select((o, i) => (JsonNode)new JsonObject
        {
            ["name"] = outputNames[i],
            ["input"] = o.Input.ToString(),
            ["points"] = new JsonArray(CalibrationPoints(o.Calibration).Select(p => (JsonNode)new JsonObject { ["volts"] = p.Volts, ["value"] = p.Value }).ToArray()),
        }).ToArray());
        var commands = new JsonArray(wiring.Commands.Select((c, i) => (JsonNode)new JsonObject
        {
            ["name"] = inputNames[i], ["channel"] = c.Channel, ["duty_at_lo"] = c.Mapping.DutyAtLo, ["duty_at_hi"] = c.Mapping.DutyAtHi,
        }).ToArray());
        return new JsonObject { ["outputs"] = outputs, ["commands"] = commands }.ToJsonString(Indented);
    }

    public static IoWiring Load(string path, ControllerSettings settings)
    {
        if (!File.Exists(path)) throw new EdgeToolkitException(ErrorKind.BadInput, "the wiring file does not exist", path, hint: "--show-wiring prints the default wiring to start from");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!;
            var outputs = root["outputs"]!.AsArray().Select(o =>
            {
                var points = o!["points"]!.AsArray();
                if (points.Count != 2) throw new FormatException("each output needs exactly two calibration points");
                var input = Enum.Parse<InputMultiplexer>((string)o["input"]!, ignoreCase: true);
                return new AnalogChannel(input, LinearCalibration.FromTwoPoints((double)points[0]!["volts"]!, (double)points[0]!["value"]!,
                    (double)points[1]!["volts"]!, (double)points[1]!["value"]!));
            }).ToArray();
            var commands = root["commands"]!.AsArray().Select((c, i) => new PwmOutput((int)c!["channel"]!,
                new DutyMapping(settings.Lo[i], settings.Hi[i], (double?)c["duty_at_lo"] ?? 0, (double?)c["duty_at_hi"] ?? 1))).ToArray();
            if (outputs.Length != settings.M || commands.Length != settings.P)
                throw new FormatException($"the model has {settings.M} outputs and {settings.P} commands, the file wires {outputs.Length} and {commands.Length}");
            if (commands.Any(c => c.Channel is < 0 or > 15)) throw new FormatException("PCA9685 channels are 0..15");
            return new IoWiring(outputs, commands);
        }
        catch (Exception e) when (e is not EdgeToolkitException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the wiring file is not valid ({e.Message})", path,
                hint: "--show-wiring prints the expected layout", inner: e);
        }
    }

    // Six decimals: a micrometre in metres, far below an ADC code, and a file people can read.
    private static (double Volts, double Value)[] CalibrationPoints(LinearCalibration c) =>
        [(IoWiring.VoltsLo, Math.Round(c.ToValue(IoWiring.VoltsLo), 6)), (IoWiring.VoltsHi, Math.Round(c.ToValue(IoWiring.VoltsHi), 6))];
}
