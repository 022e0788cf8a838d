using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Flashing;

/// <summary>What `flash` decided: write a real board with the board file's flasher, or run the emulated board.</summary>
public sealed record FlashPlan(bool Real, string? Command, string? Tool, AttachedProbe? Probe, string Reason);

/// <summary>
/// The board file's `flasher` is a command line followed by a remark in parentheses; it is run
/// (through sh, in the firmware folder, where firmware.elf/.bin/.hex are) only when its tool is
/// installed and a probe is attached. Otherwise the image goes to the emulated board.
/// </summary>
public static class BoardFlasher
{
    /// <summary>The command part of a flasher line: everything before the first " (".</summary>
    public static string CommandOf(BoardDefinition board)
    {
        var text = board.Flasher;
        var paren = text.IndexOf(" (", StringComparison.Ordinal);
        return (paren >= 0 ? text[..paren] : text).Trim();
    }

    public static FlashPlan Plan(BoardDefinition board, ProbeDetector detector)
    {
        var command = CommandOf(board);
        var tool = command.Split(' ', 2)[0];
        var installed = detector.InstalledTools();
        var probes = detector.AttachedProbes();
        if (!ProbeDetector.FlashTools.Contains(tool))
            return new FlashPlan(false, null, null, null, $"board {board.Name} names no known flashing tool in its flasher ('{tool}')");
        if (!installed.Contains(tool))
            return new FlashPlan(false, null, tool, null, $"{tool} is not installed" + (probes.Count > 0 ? $" (a {probes[0].Name} is attached)" : ""));
        if (probes.Count == 0)
            return new FlashPlan(false, null, tool, null, $"{tool} is installed but no probe or board is attached");
        if (command.Contains('<'))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the flasher of board {board.Name} has a placeholder: {command}",
                file: Path.Combine(Targets.RepoPaths.Hardware, board.Name + ".json"), hint: "write the real part's name into its \"flasher\" entry");
        return new FlashPlan(true, command, tool, probes[0], $"{tool} and a {probes[0].Name} found");
    }

    /// <summary>Runs the flasher in the firmware folder; throws CheckFailed with its output when it fails.</summary>
    public static ProcessResult Flash(FlashPlan plan, string firmwareDir)
    {
        if (!plan.Real || plan.Command == null) throw new InvalidOperationException("nothing to flash: the plan is the emulated board");
        var r = ProcessRunner.Run("/bin/sh", new[] { "-c", plan.Command }, firmwareDir, TimeSpan.FromMinutes(5));
        if (r.ExitCode != 0)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"flashing failed ({plan.Command}, exit {r.ExitCode}):\n{r.CombinedOutput.Trim()}",
                hint: "check the probe's connection and the board's power");
        return r;
    }
}
