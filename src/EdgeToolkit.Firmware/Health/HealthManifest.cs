using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Firmware.Health;

/// <summary>
/// manifest.json of a health firmware folder: the model, its window and heads, and the footprint
/// (image_flash_bytes = text + data, ram_bytes = data + bss, flash_bytes = the model's share), as
/// cli-conventions.md defines them. The same format as the control app's, with app "health".
/// </summary>
public static class HealthManifest
{
    public static JsonObject ToJson(HealthFirmwareResult r, string modelPath, ElfSize size) => new()
    {
        ["format"] = FirmwareManifest.Format, ["version"] = FirmwareManifest.Version,
        ["app"] = HealthFirmwareBuilder.App, ["board"] = r.Board.Name, ["core"] = r.Board.Core,
        ["model"] = modelPath, ["model_name"] = r.ModelName,
        ["window_days"] = r.WindowDays, ["columns"] = r.Columns, ["input"] = r.InputName,
        ["outputs"] = new JsonArray(r.OutputNames.Select((n, i) => (JsonNode)new JsonObject { ["name"] = n, ["elements"] = r.OutputSizes[i] }).ToArray()),
        ["image_flash_bytes"] = r.ImageFlashBytes, ["ram_bytes"] = r.RamBytes, ["flash_bytes"] = r.ModelFlashBytes,
        ["flash_fraction"] = Math.Round((double)r.ImageFlashBytes / r.Board.Flash.Bytes, 6),
        ["ram_fraction"] = Math.Round((double)r.RamBytes / r.Board.Ram.Bytes, 6),
        ["board_flash_bytes"] = r.Board.Flash.Bytes, ["board_ram_bytes"] = r.Board.Ram.Bytes,
        ["text"] = size.Text, ["data"] = size.Data, ["bss"] = size.Bss,
        ["files"] = new JsonObject { ["elf"] = "firmware.elf", ["bin"] = "firmware.bin", ["hex"] = "firmware.hex" },
        ["build_command"] = r.BuildCommand,
    };

    public static void Save(string dir, HealthFirmwareResult r, string modelPath, ElfSize size) =>
        File.WriteAllText(Path.Combine(dir, FirmwareManifest.FileName),
            ToJson(r, modelPath, size).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
}
