using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// The source folder of a control firmware, self-contained so that CMake can rebuild it:
/// src/ (the app, control_settings.c, the generated model), runtime/ (etk_nr, etk_pid, etk_frame),
/// board/ (startup, semihosting, timer, UART driver), cmake/ (the toolchain file).
/// Paths are relative to the folder. edgetk's own build takes the board support precompiled
/// (PlatformObjects); CMake compiles it from board/.
/// </summary>
public sealed record FirmwareTree(IReadOnlyList<string> AppSources, IReadOnlyList<string> BoardSupportSources, IReadOnlyList<string> IncludeDirs)
{
    public static FirmwareTree Write(string dir, BoardDefinition board, GeneratedModel model, string controlSettingsC)
    {
        var firmware = RepoPaths.Firmware;
        var src = Directory.CreateDirectory(Path.Combine(dir, "src")).FullName;
        var runtime = Directory.CreateDirectory(Path.Combine(dir, "runtime")).FullName;
        var boardDir = Directory.CreateDirectory(Path.Combine(dir, "board")).FullName;
        var cmake = Directory.CreateDirectory(Path.Combine(dir, "cmake")).FullName;

        CopyAll(Path.Combine(firmware, "apps", "control"), src);
        File.WriteAllText(Path.Combine(src, "control_settings.c"), controlSettingsC);
        model.WriteTo(src);
        CopyAll(Path.Combine(firmware, "runtime"), runtime);

        var common = Path.Combine(firmware, "boards", "common");
        var recipe = BuildRecipe.For(board.Core, board, new RunOptions(), Toolchain.Default);
        var uart = BoardUart.For(board).DriverFile;
        var boardSources = recipe.BoardSupportSources.Select(Path.GetFileName).Append(uart).ToList();
        foreach (var f in boardSources.Concat(Directory.GetFiles(common, "*.h").Select(Path.GetFileName)))
            File.Copy(Path.Combine(common, f!), Path.Combine(boardDir, f!), overwrite: true);
        File.Copy(Path.Combine(firmware, "cmake", "arm-none-eabi.cmake"), Path.Combine(cmake, "arm-none-eabi.cmake"), overwrite: true);

        var appSources = Directory.GetFiles(src).Concat(Directory.GetFiles(runtime))
            .Where(f => f.EndsWith(".c") || f.EndsWith(".S")).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal)
            .Append("board/" + uart).ToList();
        var boardSupport = recipe.BoardSupportSources.Select(s => "board/" + Path.GetFileName(s)).ToList();
        return new FirmwareTree(appSources, boardSupport, new[] { "src", "runtime", "board" });
    }

    private static void CopyAll(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from).Where(f => f.EndsWith(".c") || f.EndsWith(".h")))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
    }
}
