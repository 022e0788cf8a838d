using EdgeToolkit.Graph;
using EdgeToolkit.Firmware.Health;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;
using Xunit.Abstractions;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>Building the health firmware: the CLI's --app health, refusal of an image too big for the board, and the CMake project.</summary>
[Collection(HealthFirmwareCollection.Name)]
public class HealthBuildTests(HealthFirmwares firmwares, ITestOutputHelper output)
{
    [Fact]
    public void TheCliBuildsTheHealthApp()
    {
        using var temp = new TempFolder();
        var (exit, json, err) = CliRunner.RunJson("firmware", "build", "--app", "health", "--model", HealthFirmwares.ModelFolder,
            "--board", HealthFirmwares.BoardName, "-o", temp["fw"]);
        Assert.True(exit == 0, err);
        Assert.Equal(("health", HealthFirmwares.BoardName, "health_events"), ((string)json["app"]!, (string)json["board"]!, (string)json["model_name"]!));
        Assert.Equal((7, 18), ((int)json["window_days"]!, (int)json["columns"]!));
        // The same sources and flags as the API's build: the same image.
        var fw = firmwares.Float.Fw;
        Assert.Equal((fw.ImageFlashBytes, fw.RamBytes, fw.ModelFlashBytes), ((long)json["image_flash_bytes"]!, (long)json["ram_bytes"]!, (long)json["flash_bytes"]!));
        Assert.Equal(File.ReadAllBytes(Path.Combine(fw.OutputDir, "firmware.bin")), File.ReadAllBytes(Path.Combine(temp["fw"], "firmware.bin")));
    }

    [Fact]
    public void AnImageTooBigForTheBoardIsRefusedWithItsSizes()
    {
        using var temp = new TempFolder();
        var watch = HealthFirmwares.Board;
        var small = watch with { Flash = watch.Flash with { Bytes = 32 * 1024 } }; // the float image is about 49 KB
        var e = Assert.Throws<EdgeToolkitException>(() => HealthFirmwareBuilder.Build(new HealthFirmwareRequest
        {
            ModelPath = HealthFirmwares.ModelFolder, Board = small, OutputDir = temp["fw"],
        }));
        output.WriteLine($"{e.Problem}\nhint: {e.Hint}");
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Contains($"the health firmware image does not fit board {watch.Name}", e.Problem);
        Assert.Contains("flash overflowed by", e.Problem);
        Assert.Contains("has 32768", e.Problem);
        Assert.NotNull(e.Hint);
        Assert.False(Directory.Exists(temp["fw"]), "a refused build leaves no output folder");
        Assert.Empty(Directory.GetDirectories(temp.Path));
    }

    [Fact]
    public void AModelThatIsNotAWindowIsRefused()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<EdgeToolkitException>(() => HealthFirmwareBuilder.Build(new HealthFirmwareRequest
        {
            ModelPath = HealthFirmwares.ModelFolder, Board = HealthFirmwares.Board, OutputDir = temp["fw"], WindowDays = 5,
        }));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("133 elements, not 5 days", e.Problem);
    }

    [CMakeFact]
    public void TheGeneratedCMakeProjectRebuildsTheSameImage()
    {
        var fw = firmwares.Int8.Fw;
        using var temp = new TempFolder();
        foreach (var dir in Directory.GetDirectories(fw.OutputDir, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(temp["fw"], Path.GetRelativePath(fw.OutputDir, dir)));
        foreach (var file in Directory.GetFiles(fw.OutputDir, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(temp["fw"], Path.GetRelativePath(fw.OutputDir, file)));
        var cmake = Toolchain.Default.Require("cmake");
        var configure = ProcessRunner.Run(cmake, new[] { "-S", temp["fw"], "-B", temp["build"] }, temp.Path, TimeSpan.FromMinutes(2));
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        var build = ProcessRunner.Run(cmake, new[] { "--build", temp["build"] }, temp.Path, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.CombinedOutput);
        Assert.Equal(File.ReadAllBytes(Path.Combine(fw.OutputDir, "firmware.bin")), File.ReadAllBytes(Path.Combine(temp["build"], "firmware.bin")));
    }
}
