using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>A firmware image built for a board: the ELF, its footprint, and how it was built.</summary>
public sealed record FirmwareBuild(string ElfPath, ElfSize Size, string CompileCommand, BuildRecipe Recipe);

/// <summary>
/// Builds an application (its own main) with a board's support (startup, semihosting, timer; no test
/// harness) and the board's generated linker script, and runs it under QEMU. For firmware apps
/// that link a generated model: the same flags and board support the verification runs use.
/// </summary>
public static class FirmwareImage
{
    /// <param name="sources">C (or .S) files of the application, e.g. main.c plus model.c.</param>
    /// <param name="outputDir">Receives link.ld and firmware.elf (created).</param>
    /// <param name="extraFlags">More compile flags, e.g. -I for the application's headers.</param>
    public static FirmwareBuild Build(BoardDefinition board, IReadOnlyList<string> sources, string outputDir,
        IReadOnlyList<string>? extraFlags = null, Toolchain? toolchain = null)
    {
        var recipe = BuildRecipe.For(board.Core, board, new RunOptions(), toolchain ?? Toolchain.Default);
        recipe = recipe with { PlatformSources = recipe.BoardSupportSources };
        var objects = PlatformObjects.Get(recipe);
        Directory.CreateDirectory(outputDir);
        File.WriteAllText(Path.Combine(outputDir, "link.ld"), LinkerScript.For(board));
        var args = recipe.CompileFlags.Concat(extraFlags ?? Array.Empty<string>()).Concat(new[] { "-o", "firmware.elf" })
            .Concat(sources.Select(Path.GetFullPath)).Concat(objects).Concat(recipe.LinkFlags).ToList();
        var command = ProcessRunner.Quote(recipe.Compiler, args);
        var r = ProcessRunner.Run(recipe.Compiler, args, outputDir, TimeSpan.FromMinutes(5));
        if (r.ExitCode != 0)
        {
            if (LinkerScript.OverflowError(r.CombinedOutput, board) is { } overflow) throw overflow;
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the firmware does not build for board {board.Name}:\n{string.Join("\n", r.CombinedOutput.Split('\n').Where(l => l.Trim().Length > 0).Take(20))}",
                file: sources.FirstOrDefault(), hint: $"build command: {command}");
        }
        var elf = Path.Combine(outputDir, "firmware.elf");
        return new FirmwareBuild(elf, ElfSize.Measure(recipe.SizeTool, elf), command, recipe);
    }

    /// <summary>Runs the image under QEMU (icount on); the result has its output, exit code and any fault.</summary>
    public static ImageRun Run(FirmwareBuild build, TimeSpan timeout) =>
        ImageRunner.Run(build.Recipe, build.ElfPath, Path.GetDirectoryName(build.ElfPath)!, timeout);
}
