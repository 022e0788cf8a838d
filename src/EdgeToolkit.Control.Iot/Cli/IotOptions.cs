using System.Globalization;
using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Iot.Cli;

/// <summary>The console program's options (Usage lists them).</summary>
public sealed record IotOptions
{
    public const string Usage = """
        EdgeToolkit.Control.Iot: runs a control model's controller on a Linux board, reading an ADS1115 and driving a PCA9685.

        usage: dotnet run --project src/EdgeToolkit.Control.Iot -- --model <folder> [options]

          --model <folder>       control model folder (models/control-msd): config.json and model.onnx
          --controller <name>    newton (default) or pid
          --reference <name>     steps (default) or chirp: the plant's standard reference
          --duration <s>         seconds to run (default: the reference's length; the last value is then held)
          --i2c-bus <n>          I2C bus of both chips (default 1: /dev/i2c-1 on a Raspberry Pi)
          --adc-address <a>      ADS1115 address (default 0x48)
          --pwm-address <a>      PCA9685 address (default 0x40)
          --pwm-frequency <hz>   PCA9685 PWM frequency (default 1000)
          --wiring <file>        wiring and calibration (JSON); default: output o on AINo spanning its valid
                                 range over 0.1-3.2 V, command i on channel i spanning duty 0-1
          --show-wiring          print the wiring in use as JSON and exit (a starting point for --wiring)
          --simulate             no board: the same chain over simulated chips and the simulated plant, on virtual time
          --seed <n>             sensor-noise seed of the simulated plant (default 1)
          --json                 one JSON object on stdout
        """;

    public required string Model { get; init; }
    public string Controller { get; init; } = "newton";
    public string Reference { get; init; } = "steps";
    public double? Duration { get; init; }
    public int Bus { get; init; } = 1;
    public int AdcAddress { get; init; } = 0x48;
    public int PwmAddress { get; init; } = 0x40;
    public double PwmFrequency { get; init; } = 1000;
    public string? WiringFile { get; init; }
    public bool ShowWiring { get; init; }
    public bool Simulate { get; init; }
    public int Seed { get; init; } = 1;
    public bool Json { get; init; }

    public static IotOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        string[] valueNames = ["model", "controller", "reference", "duration", "i2c-bus", "adc-address", "pwm-address", "pwm-frequency", "wiring", "seed"];
        string[] flagNames = ["show-wiring", "simulate", "json"];
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i].StartsWith("--") ? args[i][2..] : throw Bad($"unexpected argument '{args[i]}'");
            if (flagNames.Contains(name)) flags.Add(name);
            else if (valueNames.Contains(name)) values[name] = i + 1 < args.Count ? args[++i] : throw Bad($"--{name} needs a value");
            else throw Bad($"unknown option --{name}");
        }
        var options = new IotOptions
        {
            Model = values.GetValueOrDefault("model") ?? throw Bad("--model is required"),
            Controller = OneOf(values.GetValueOrDefault("controller") ?? "newton", "controller", "newton", "pid"),
            Reference = OneOf(values.GetValueOrDefault("reference") ?? "steps", "reference", [.. StandardReferences.Names]),
            Duration = values.TryGetValue("duration", out var d) ? Number(d, "duration") : null,
            Bus = values.TryGetValue("i2c-bus", out var b) ? Integer(b, "i2c-bus") : 1,
            AdcAddress = values.TryGetValue("adc-address", out var a) ? Address(a, "adc-address") : 0x48,
            PwmAddress = values.TryGetValue("pwm-address", out var p) ? Address(p, "pwm-address") : 0x40,
            PwmFrequency = values.TryGetValue("pwm-frequency", out var f) ? Number(f, "pwm-frequency") : 1000,
            WiringFile = values.GetValueOrDefault("wiring"),
            Seed = values.TryGetValue("seed", out var s) ? Integer(s, "seed") : 1,
            ShowWiring = flags.Contains("show-wiring"), Simulate = flags.Contains("simulate"), Json = flags.Contains("json"),
        };
        if (options.Duration is <= 0) throw Bad("--duration must be positive");
        // The PCA9685's prescale spans 3..255: 25 MHz / 4096 / (prescale + 1).
        if (options.PwmFrequency is < 24 or > 1526) throw Bad($"--pwm-frequency {options.PwmFrequency} Hz is outside the PCA9685's 24-1526 Hz");
        return options;
    }

    private static string OneOf(string value, string option, params string[] allowed) =>
        allowed.Contains(value) ? value : throw Bad($"--{option} is one of {string.Join(", ", allowed)}, got '{value}'");

    private static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Bad($"--{option} takes a number, got '{text}'");

    private static int Integer(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0 ? v : throw Bad($"--{option} takes a whole number, got '{text}'");

    // 7-bit addresses, hex (0x48) or decimal (72).
    private static int Address(string text, string option)
    {
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out v);
        return ok && v is >= 0x03 and <= 0x77 ? v : throw Bad($"--{option} takes a 7-bit I2C address such as 0x48, got '{text}'");
    }

    private static EdgeToolkitException Bad(string problem) => new(ErrorKind.BadInput, problem, hint: "run with --help for the options");
}
