using System.Globalization;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>A TimedProgram run: what main printed, and per label the instructions of each timed statement (MCU targets only).</summary>
public sealed record TimedProgramRun(string StdOut, IReadOnlyDictionary<string, IReadOnlyList<long>> Instructions, string RunCommand);

/// <summary>
/// Builds a hand-written C program (main.c in a folder, plus any other sources there) with a
/// target's harness platform and runs it: on host, qemu-aarch64 or a QEMU board. For measuring
/// any C function the way TargetRunner measures a model. main.c includes "edgetk_timed.h"
/// (written beside it), prints with edgetk_harness.h (edgetk_print, edgetk_line_*), wraps a
/// statement in EDGETK_TIMED("label", statement), and prints "done\n" last. On a board the
/// figure is QEMU's instruction count (-icount) around the statement minus an empty region;
/// elsewhere the statement just runs.
/// </summary>
public static class TimedProgram
{
    public const string HeaderName = "edgetk_timed.h";

    public const string Header = """
        /* EDGETK_TIMED("label", statement): runs the statement once. On a board it prints
           "c label TICKS EMPTY", the timer ticks around the statement and around an empty region
           (TimedProgram turns them into instructions). label: a string literal, no spaces, <= 30 chars. */
        #ifndef EDGETK_TIMED_H
        #define EDGETK_TIMED_H
        #include <stdint.h>
        #include "edgetk_harness.h"

        #ifdef EDGETK_HOSTED
        #define EDGETK_TIMED(label, statement) do { statement; } while (0)
        #else
        /* The timer restarts before each region, so a 24-bit SysTick wraps only in regions longer than 2^24 ticks. */
        #define EDGETK_TIMED(label, statement) do { \
                uint32_t edgetk_t0, edgetk_t1, edgetk_empty; \
                edgetk_ticks_start(); edgetk_t0 = edgetk_ticks(); edgetk_t1 = edgetk_ticks(); \
                edgetk_empty = edgetk_t1 - edgetk_t0; \
                edgetk_ticks_start(); edgetk_t0 = edgetk_ticks(); \
                statement; \
                edgetk_t1 = edgetk_ticks(); \
                edgetk_line_begin("c " label); edgetk_line_u32(edgetk_t1 - edgetk_t0); edgetk_line_u32(edgetk_empty); edgetk_line_end(); \
            } while (0)
        #endif

        #endif

        """;

    /// <param name="dir">Holds main.c and the other sources; receives edgetk_timed.h, link.ld and program.elf.</param>
    /// <param name="sources">The sources besides main.c, relative to dir (e.g. "msd/model.c").</param>
    /// <param name="board">The board of an MCU target (null: the target's default board); null elsewhere.</param>
    public static TimedProgramRun Run(string target, BoardDefinition? board, string dir, IReadOnlyList<string> sources, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (BoardCatalog.IsMcuTarget(target)) board ??= BoardCatalog.FromRepository().Default(target);
        var recipe = BuildRecipe.For(target, board, options, options.Toolchain ?? Toolchain.Default);
        var platform = PlatformObjects.Get(recipe);
        File.WriteAllText(Path.Combine(dir, HeaderName), Header);
        if (board != null) File.WriteAllText(Path.Combine(dir, "link.ld"), LinkerScript.For(board));
        var (elf, _) = TargetRunner.Build(recipe, dir, "program.elf", Array.Empty<string>(), sources, platform);
        var run = ImageRunner.Run(recipe, elf, dir, options.RunTimeout);
        ImageRunner.ThrowIfFailed(run, recipe, "the program", run.StdOut.Contains("done\n"));
        return new TimedProgramRun(run.StdOut, recipe.IsMcu ? Instructions(run.StdOut, recipe) : new Dictionary<string, IReadOnlyList<long>>(), run.Command);
    }

    private static Dictionary<string, IReadOnlyList<long>> Instructions(string stdout, BuildRecipe recipe)
    {
        var r = new Dictionary<string, List<long>>();
        foreach (var line in stdout.Split('\n'))
        {
            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (w.Length != 4 || w[0] != "c") continue;
            long instructions = recipe.TicksToInstructions(long.Parse(w[2], CultureInfo.InvariantCulture))
                - recipe.TicksToInstructions(long.Parse(w[3], CultureInfo.InvariantCulture));
            if (!r.TryGetValue(w[1], out var list)) r[w[1]] = list = new List<long>();
            list.Add(instructions);
        }
        return r.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<long>)kv.Value);
    }
}
