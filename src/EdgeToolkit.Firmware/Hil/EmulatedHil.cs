using EdgeToolkit.Control.ClosedLoop;
using EdgeToolkit.Control.Plants;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>A HIL run on the emulated board: the session's result plus how the firmware ended and its summary.</summary>
public sealed record EmulatedHilRun(HilResult Result, EmulatedBoardExit Exit, BoardSummary? Summary, string Command);

/// <summary>Starts the image under QEMU, runs the HIL session against the plant, and checks that the firmware exited cleanly after STOP.</summary>
public static class EmulatedHil
{
    public static EmulatedHilRun Run(string firmwareDir, FirmwareManifest manifest, BoardDefinition board, IPlant plant, ReferencePreview reference,
        int steps, int noiseSeed = 1, Action<int, int>? progress = null, Toolchain? tools = null, FaultInjection? faults = null)
    {
        using var emulated = EmulatedBoard.Start(board, Path.Combine(firmwareDir, "firmware.elf"), firmwareDir, tools);
        var session = new HilSession(emulated.Link) { ExpectedSettingsHash = manifest.SettingsHash, Progress = progress, Faults = faults };
        HilResult result;
        try
        {
            result = session.Run(plant, reference, steps, noiseSeed);
        }
        catch (EdgeToolkitException e)
        {
            // Say how the board ended: a crash prints its exception over semihosting.
            var ended = emulated.WaitForExit(TimeSpan.FromSeconds(2));
            var said = (ended.Semihosting + ended.StdErr).Trim();
            throw new EdgeToolkitException(e.Kind, e.Problem + (said.Length > 0 ? $"\nthe board said: {said}" : ""), e.File,
                hint: (e.Hint != null ? e.Hint + "; " : "") + $"reproduce with: {emulated.Command}");
        }
        var exit = emulated.WaitForExit(TimeSpan.FromSeconds(30));
        if (exit.ExitCode != 0)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"the firmware ended with exit code {exit.ExitCode} after STOP: {(exit.Semihosting + exit.StdErr).Trim()}",
                hint: $"reproduce with: {emulated.Command}");
        return new EmulatedHilRun(result, exit, BoardSummary.Parse(exit.Semihosting), emulated.Command);
    }
}
