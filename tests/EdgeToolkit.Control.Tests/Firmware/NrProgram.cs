using EdgeToolkit.Graph;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>What a C test program printed, and the recipe it was built with (its board converts ticks).</summary>
public sealed record NrRun(string StdOut, BuildRecipe Recipe);

/// <summary>
/// Builds and runs the controller's C test programs (this folder's nr_*.c with firmware/runtime's
/// etk_nr.c and etk_pid.c): on the host with gcc, on a board with its support under QEMU
/// (FirmwareImage), always with -pedantic on top of the toolkit's -Wall -Wextra -Werror -std=c99
/// -ffp-contract=off.
/// </summary>
public static class NrProgram
{
    public static string SourceDir => Path.Combine(RepoPaths.Root, "tests", "EdgeToolkit.Control.Tests", "Firmware");
    public static string RuntimeDir => Path.Combine(RepoPaths.Firmware, "runtime");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static IReadOnlyList<string> Flags => ["-pedantic", "-I" + RuntimeDir, "-I" + SourceDir];

    private static IReadOnlyList<string> Sources(params string[] programFiles) =>
        new[] { Path.Combine(RuntimeDir, "etk_nr.c"), Path.Combine(RuntimeDir, "etk_pid.c") }
            .Concat(new[] { "nr_scenario_run.c", "nr_linear_model.c", "nr_print.c", "nr_port.c" }.Concat(programFiles).Select(f => Path.Combine(SourceDir, f)))
            .ToList();

    /// <summary>The scripted program (nr_scripted_main.c) with a scenario table, on "host" or an MCU target's default board.</summary>
    public static NrRun RunScripted(string target, string tableSource, string dir)
    {
        Directory.CreateDirectory(dir);
        var table = Path.Combine(dir, "nr_scenario_table.c");
        File.WriteAllText(table, tableSource);
        var sources = Sources("nr_scripted_main.c").Append(table).ToList();
        if (target == "host")
        {
            var recipe = HostRecipe();
            return new NrRun(RunHost(BuildHost(recipe, sources, dir, "nr_scripted", []), dir, []), recipe);
        }
        var board = BoardCatalog.FromRepository().Default(target) ?? throw new ArgumentException($"no board for {target}");
        var build = FirmwareImage.Build(board, sources, Path.Combine(dir, target), Flags);
        var run = FirmwareImage.Run(build, Timeout);
        ImageRunner.ThrowIfFailed(run, build.Recipe, "the controller test program", run.StdOut.Contains("done"));
        return new NrRun(run.StdOut, build.Recipe);
    }

    /// <summary>
    /// Builds the host's file mode (nr_file_main.c) into dir. With a linked model: its C source and
    /// name (NR_LINKED_MODEL), for scenarios that say "model linked".
    /// </summary>
    public static string BuildFileProgram(string dir, (string Source, string Name)? linkedModel = null)
    {
        Directory.CreateDirectory(dir);
        var sources = Sources("nr_scenario_file.c", "nr_file_main.c").ToList();
        var extra = new List<string>();
        if (linkedModel is { } linked)
        {
            var model = Path.Combine(dir, linked.Name + ".c");
            File.WriteAllText(model, linked.Source);
            sources.Add(model);
            extra.Add("-DNR_LINKED_MODEL=" + linked.Name);
        }
        return BuildHost(HostRecipe(), sources, dir, "nr_file", extra);
    }

    /// <summary>Runs a file-mode program on a scenario text; returns what it printed.</summary>
    public static string RunFileProgram(string program, string scenarioText, string dir)
    {
        var scenario = Path.Combine(dir, $"scenario-{Guid.NewGuid().ToString("N")[..8]}.txt");
        File.WriteAllText(scenario, scenarioText);
        return RunHost(program, dir, [scenario]);
    }

    private static BuildRecipe HostRecipe() => BuildRecipe.For("host", null, new RunOptions(), Toolchain.Default);

    private static string BuildHost(BuildRecipe recipe, IReadOnlyList<string> sources, string dir, string name, IReadOnlyList<string> extraFlags)
    {
        // No -lm: the host build shows the controller links without libm.
        var args = recipe.CompileFlags.Concat(Flags).Concat(extraFlags).Concat(["-o", name]).Concat(sources).ToList();
        var r = ProcessRunner.Run(recipe.Compiler, args, dir, Timeout);
        if (r.ExitCode != 0)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the controller test program does not build on the host:\n{r.CombinedOutput}",
                hint: ProcessRunner.Quote(recipe.Compiler, args));
        return Path.Combine(dir, name);
    }

    private static string RunHost(string exe, string dir, IReadOnlyList<string> args)
    {
        var r = ProcessRunner.Run(exe, args, dir, Timeout);
        if (r.ExitCode != 0 || r.TimedOut)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the controller test program failed on the host (exit {r.ExitCode}):\n{r.CombinedOutput}",
                hint: ProcessRunner.Quote(exe, args));
        return r.StdOut;
    }
}
