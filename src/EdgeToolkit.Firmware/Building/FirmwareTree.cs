using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// The source folder of a firmware app, self-contained so that CMake can rebuild it:
/// src/ (the app, its generated settings, the generated model), runtime/ (etk_nr, etk_pid, etk_frame),
/// board/ (startup, semihosting, timer, UART driver), cmake/ (the toolchain file).
/// Paths are relative to the folder. edgetk's own build takes the board support precompiled
/// (PlatformObjects); CMake compiles it from board/.
/// </summary>
public sealed record FirmwareTree(IReadOnlyList<string> AppSources, IReadOnlyList<string> BoardSupportSources, IReadOnlyList<string> IncludeDirs)
{
    public static FirmwareTree Write(string dir, BoardDefinition board, GeneratedModel model, string controlSettingsC) =>
        Write(dir, board, model, "control", new Dictionary<string, string> { ["control_settings.c"] = controlSettingsC });

    /// <param name="app">The folder of firmware/apps copied to src/.</param>
    /// <param name="generated">More files for src/ (name -> text), e.g. the app's generated settings.</param>
    /// <param name="borrowed">Files of other apps the app reuses, as paths under firmware/apps (e.g. control/control_link.c).</param>
    /// <param name="runtime">The firmware/runtime files to copy, or null for all of them.</param>
    public static FirmwareTree Write(string dir, BoardDefinition board, GeneratedModel model, string app, IReadOnlyDictionary<string, string> generated,
        IReadOnlyList<string>? borrowed = null, IReadOnlyList<string>? runtime = null)
    {
        var firmware = RepoPaths.Firmware;
        var src = Directory.CreateDirectory(Path.Combine(dir, "src")).FullName;
        var runtimeDir = Directory.CreateDirectory(Path.Combine(dir, "runtime")).FullName;
        var boardDir = Directory.CreateDirectory(Path.Combine(dir, "board")).FullName;
        var cmake = Directory.CreateDirectory(Path.Combine(dir, "cmake")).FullName;

        CopyAll(Path.Combine(firmware, "apps", app), src);
        foreach (var f in borrowed ?? Array.Empty<string>())
            File.Copy(Path.Combine(firmware, "apps", f), Path.Combine(src, Path.GetFileName(f)), overwrite: true);
        foreach (var (name, text) in generated) File.WriteAllText(Path.Combine(src, name), text);
        model.WriteTo(src);
        if (runtime == null) CopyAll(Path.Combine(firmware, "runtime"), runtimeDir);
        else foreach (var f in runtime) File.Copy(Path.Combine(firmware, "runtime", f), Path.Combine(runtimeDir, f), overwrite: true);

        var common = Path.Combine(firmware, "boards", "common");
        var recipe = BuildRecipe.For(board.Core, board, new RunOptions(), Toolchain.Default);
        var uart = BoardUart.For(board).DriverFile;
        var boardSources = recipe.BoardSupportSources.Select(Path.GetFileName).Append(uart).ToList();
        foreach (var f in boardSources.Concat(Directory.GetFiles(common, "*.h").Select(Path.GetFileName)))
            File.Copy(Path.Combine(common, f!), Path.Combine(boardDir, f!), overwrite: true);
        File.Copy(Path.Combine(firmware, "cmake", "arm-none-eabi.cmake"), Path.Combine(cmake, "arm-none-eabi.cmake"), overwrite: true);

        var appSources = Directory.GetFiles(src).Concat(Directory.GetFiles(runtimeDir))
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
