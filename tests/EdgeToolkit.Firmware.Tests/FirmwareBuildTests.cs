using System.Text.Json.Nodes;
using EdgeToolkit.Control.Runtime;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;
using Xunit.Abstractions;

namespace EdgeToolkit.Firmware.Tests;

[Collection(MsdFirmwareCollection.Name)]
public class FirmwareBuildTests(MsdFirmwares firmwares, ITestOutputHelper output)
{
    [Theory]
    [InlineData("mps2-an386")]
    [InlineData("netduinoplus2")]
    public void TheMsdFirmwareBuildsAndItsManifestMatchesTheElf(string boardName)
    {
        var r = firmwares.Newton(boardName);
        var m = r.Manifest;
        var board = BoardCatalog.FromRepository().Get(boardName);
        var size = ElfSize.Measure(Toolchain.Default.Require("arm-none-eabi-size"), r.ElfPath);
        Assert.Equal((size.Text + size.Data, size.Data + size.Bss), (m.ImageFlashBytes, m.RamBytes));
        // The raw image a flasher writes is exactly the flash footprint (text + data's load image).
        Assert.Equal(m.ImageFlashBytes, new FileInfo(Path.Combine(r.OutputDir, "firmware.bin")).Length);
        Assert.Equal((double)m.ImageFlashBytes / board.Flash.Bytes, m.FlashFraction, 12);
        Assert.Equal(SettingsHash.Of(ControllerPresets.ForModelFolder(TestFiles.MsdModel).Settings), m.SettingsHash);
        Assert.Contains($"etk_control_settings_hash = 0x{m.SettingsHash:x8}u", File.ReadAllText(Path.Combine(r.OutputDir, "src", "control_settings.c")));
        var reread = FirmwareManifest.Load(r.OutputDir);
        Assert.Equal(m.ToJson().ToJsonString(), reread.ToJson().ToJsonString());
        output.WriteLine($"{boardName}: image_flash_bytes {m.ImageFlashBytes} ({m.FlashFraction:P2} of {board.Flash.Bytes}), ram_bytes {m.RamBytes}");
    }

    [Fact]
    public void TheWholeControlImageTakesAtMostTwoPercentOfOneMegabyteOfFlash()
    {
        var m = firmwares.Newton("mps2-an386").Manifest;
        output.WriteLine($"image_flash_bytes {m.ImageFlashBytes} = {m.ImageFlashBytes / 1048576.0:P2} of 1 MB");
        Assert.InRange(m.ImageFlashBytes, 1, (long)(0.02 * 1048576));
    }

    [CMakeFact]
    public void TheGeneratedCMakeProjectRebuildsTheSameImage()
    {
        var r = firmwares.Newton("mps2-an386");
        using var temp = new TempFolder();
        CopyTree(r.OutputDir, temp["fw"]);
        var cmake = Toolchain.Default.Require("cmake");
        var configure = ProcessRunner.Run(cmake, new[] { "-S", temp["fw"], "-B", temp["build"] }, temp.Path, TimeSpan.FromMinutes(2));
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        var build = ProcessRunner.Run(cmake, new[] { "--build", temp["build"] }, temp.Path, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.CombinedOutput);
        var size = ElfSize.Measure(Toolchain.Default.Require("arm-none-eabi-size"), Path.Combine(temp["build"], "firmware.elf"));
        Assert.Equal((r.Manifest.Text, r.Manifest.Data, r.Manifest.Bss), (size.Text, size.Data, size.Bss));
        Assert.Equal(File.ReadAllBytes(Path.Combine(r.OutputDir, "firmware.bin")), File.ReadAllBytes(Path.Combine(temp["build"], "firmware.bin")));
    }

    [Fact]
    public void AModelTooBigForTheBoardIsRefused()
    {
        using var temp = new TempFolder();
        var folder = BigModel.Write(temp["control-big"], hidden: 256); // 7 -> 256 -> 256 -> 2: 70 k weights, 280 KB of float32
        var (exit, json, err) = CliRunner.RunJson("firmware", "build", "--model", folder, "--board", "microbit", "-o", temp["fw"]);
        Assert.Equal(1, exit);
        var message = (string)json["error"]!["message"]!;
        Assert.Contains("does not fit board microbit", message);
        Assert.Contains("flash overflowed", message);
        Assert.False(Directory.Exists(temp["fw"]), "a refused build leaves no output folder");
        output.WriteLine(message);
    }

    [Fact]
    public void ThePidBaselineBuildsThroughTheCli()
    {
        using var temp = new TempFolder();
        var (exit, json, err) = CliRunner.RunJson("firmware", "build", "--model", TestFiles.MsdModel, "--board", "mps2-an386", "--pid", "-o", temp["fw"]);
        Assert.True(exit == 0, err);
        Assert.Equal(("pid", "mps2-an386", "msd"), ((string)json["controller"]!, (string)json["board"]!, (string)json["plant"]!));
        var newton = firmwares.Newton("mps2-an386").Manifest;
        // Without Newton the model, its Jacobian and the solver are left out by the linker.
        Assert.True((long)json["image_flash_bytes"]! < newton.ImageFlashBytes - 10_000, $"pid {json["image_flash_bytes"]} vs newton {newton.ImageFlashBytes}");
        Assert.Equal(JsonNode.Parse(File.ReadAllText(Path.Combine(temp["fw"], "manifest.json")))!["image_flash_bytes"]!.ToString(), json["image_flash_bytes"]!.ToString());
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
