using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>One run of a built image: what it printed, how it ended, and the command that reproduces it.</summary>
public sealed record ImageRun(int ExitCode, string StdOut, string StdErr, string Command, bool TimedOut)
{
    /// <summary>"exception N (Name)" when the board's fault handler reported a CPU exception, else null.</summary>
    public string? Fault { get; init; }
    /// <summary>QEMU stopped the CPU: a fault inside the fault handler (e.g. a stack overflow).</summary>
    public bool Lockup => StdErr.Contains("Lockup");
}

/// <summary>Runs an image for a recipe: under QEMU on a board, qemu-aarch64, or directly on the host.</summary>
public static partial class ImageRunner
{
    [GeneratedRegex(@"edgetk: fault: (exception \d+ \(\w+\))")]
    private static partial Regex FaultPattern();

    public static ImageRun Run(BuildRecipe recipe, string elf, string workingDirectory, TimeSpan timeout)
    {
        var exe = recipe.Runner ?? elf;
        var args = recipe.Runner == null ? new List<string>() : recipe.RunnerArgs.Append(elf).ToList();
        var command = $"timeout {(int)Math.Ceiling(timeout.TotalSeconds)} {ProcessRunner.Quote(exe, args)} </dev/null";
        var r = ProcessRunner.Run(exe, args, workingDirectory, timeout);
        var fault = FaultPattern().Match(r.StdOut);
        return new ImageRun(r.ExitCode, r.StdOut, r.StdErr, command, r.TimedOut) { Fault = fault.Success ? fault.Groups[1].Value : null };
    }

    /// <summary>Where a recipe runs, for messages: "board mps2-an386" or the target name.</summary>
    public static string Where(BuildRecipe recipe) => recipe.Board != null ? $"board {recipe.Board.Name}" : recipe.Target;

    /// <summary>Throws a CheckFailed that says what went wrong when the run hung, faulted, crashed or exited non-zero.</summary>
    public static void ThrowIfFailed(ImageRun run, BuildRecipe recipe, string subject, bool finished)
    {
        var where = Where(recipe);
        if (run.TimedOut)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"{subject} did not finish on {where} in time (a hang or an endless loop)",
                hint: $"rerun with: {run.Command}");
        if (run.Fault != null)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"{subject} crashed on {where}: CPU {run.Fault}, exit code {run.ExitCode}",
                hint: $"an invalid memory access or instruction; reproduce with: {run.Command}");
        if (run.ExitCode == 0 && finished) return;
        var why = run.Lockup ? "the CPU locked up (a fault inside the fault handler, e.g. a stack overflow)"
            : run.ExitCode > 128 ? $"it was killed by signal {run.ExitCode - 128} (a crash)"
            : run.ExitCode != 0 ? $"exit code {run.ExitCode}"
            : "its output ended early";
        var tail = string.Join("\n", (run.StdOut + "\n" + run.StdErr).Split('\n')
            .Where(l => l.Trim().Length > 0 && !l.StartsWith("o ")).TakeLast(8));
        throw new EdgeToolkitException(ErrorKind.CheckFailed, $"{subject} failed on {where}: {why}\n{tail}".TrimEnd(),
            hint: $"reproduce with: {run.Command}");
    }
}
