using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// manifest.json of a firmware folder: what was built for which board, and its footprint
/// (image_flash_bytes = text + data, ram_bytes = data + bss, as cli-conventions.md defines them).
/// `flash` reads it to know the board, the plant and the settings hash to expect.
/// </summary>
public sealed record FirmwareManifest
{
    public const string FileName = "manifest.json", Format = "edgetk-firmware";
    public const int Version = 1;

    public required string App { get; init; }
    /// <summary>"newton" or "pid" (the PID-only baseline).</summary>
    public required string Controller { get; init; }
    /// <summary>How the forward pass is computed: "jacobian" (y of &lt;name&gt;_jacobian) or "run" (the run kernels).</summary>
    public required string Forward { get; init; }
    public required string Board { get; init; }
    public required string Core { get; init; }
    public required string Model { get; init; }
    public required string ModelName { get; init; }
    public required string Plant { get; init; }
    public required int P { get; init; }
    public required int M { get; init; }
    public required int Horizon { get; init; }
    public required uint SettingsHash { get; init; }
    public required string SettingsSource { get; init; }
    public required long ImageFlashBytes { get; init; }
    public required long RamBytes { get; init; }
    public required long BoardFlashBytes { get; init; }
    public required long BoardRamBytes { get; init; }
    public required long Text { get; init; }
    public required long Data { get; init; }
    public required long Bss { get; init; }
    public required string BuildCommand { get; init; }

    public double FlashFraction => (double)ImageFlashBytes / BoardFlashBytes;
    public double RamFraction => (double)RamBytes / BoardRamBytes;

    public JsonObject ToJson() => new()
    {
        ["format"] = Format, ["version"] = Version,
        ["app"] = App, ["controller"] = Controller, ["forward"] = Forward, ["board"] = Board, ["core"] = Core,
        ["model"] = Model, ["model_name"] = ModelName, ["plant"] = Plant,
        ["p"] = P, ["m"] = M, ["horizon"] = Horizon,
        ["settings_hash"] = SettingsHash.ToString("x8"), ["settings_source"] = SettingsSource,
        ["image_flash_bytes"] = ImageFlashBytes, ["ram_bytes"] = RamBytes,
        ["flash_fraction"] = Math.Round(FlashFraction, 6), ["ram_fraction"] = Math.Round(RamFraction, 6),
        ["board_flash_bytes"] = BoardFlashBytes, ["board_ram_bytes"] = BoardRamBytes,
        ["text"] = Text, ["data"] = Data, ["bss"] = Bss,
        ["files"] = new JsonObject { ["elf"] = "firmware.elf", ["bin"] = "firmware.bin", ["hex"] = "firmware.hex", ["settings"] = "controller.json" },
        ["build_command"] = BuildCommand,
    };

    public void Save(string dir) =>
        File.WriteAllText(Path.Combine(dir, FileName), ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    public static FirmwareManifest Load(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, "no manifest.json: not a firmware folder", file: dir,
                hint: "build one with ./edgetk firmware build --app control --model models/control-msd --board mps2-an386 -o fw/");
        try
        {
            var j = JsonNode.Parse(File.ReadAllText(path))!;
            if ((string?)j["format"] != Format) throw new FormatException($"format is not '{Format}'");
            if ((string?)j["app"] is { } app && app != FirmwareBuilder.App)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"the folder holds the {app} firmware; this command runs the control firmware", file: dir,
                    hint: app == "health" ? "stream days to the health firmware with HealthStream (./edgetk demo health)" : null);
            return new FirmwareManifest
            {
                App = (string)j["app"]!, Controller = (string)j["controller"]!, Forward = (string)j["forward"]!, Board = (string)j["board"]!, Core = (string)j["core"]!,
                Model = (string)j["model"]!, ModelName = (string)j["model_name"]!, Plant = (string)j["plant"]!,
                P = (int)j["p"]!, M = (int)j["m"]!, Horizon = (int)j["horizon"]!,
                SettingsHash = Convert.ToUInt32((string)j["settings_hash"]!, 16), SettingsSource = (string)j["settings_source"]!,
                ImageFlashBytes = (long)j["image_flash_bytes"]!, RamBytes = (long)j["ram_bytes"]!,
                BoardFlashBytes = (long)j["board_flash_bytes"]!, BoardRamBytes = (long)j["board_ram_bytes"]!,
                Text = (long)j["text"]!, Data = (long)j["data"]!, Bss = (long)j["bss"]!, BuildCommand = (string)j["build_command"]!,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"manifest.json is damaged ({e.Message})", file: path,
                hint: "rebuild the firmware folder with ./edgetk firmware build");
        }
    }
}
