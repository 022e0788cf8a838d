using System.Diagnostics;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Hil;

/// <summary>How an emulated board's run ended: exit code, the semihosting text, QEMU's stderr.</summary>
public sealed record EmulatedBoardExit(int ExitCode, string Semihosting, string StdErr, bool TimedOut);

/// <summary>
/// A firmware image running under QEMU with its first UART on QEMU's stdin/stdout (the protocol's
/// byte stream) and semihosting on a separate file chardev (the summary and the exit code), so
/// the two never mix. -icount makes the board timer count instructions.
/// </summary>
public sealed class EmulatedBoard : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly string _semihostingPath;

    public FrameLink Link { get; }
    /// <summary>The command line, for reproducing a run by hand.</summary>
    public string Command { get; }

    private EmulatedBoard(Process process, string semihostingPath, string command)
    {
        _process = process;
        _semihostingPath = semihostingPath;
        Command = command;
        _stderr = process.StandardError.ReadToEndAsync();
        Link = new FrameLink(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
    }

    public static IReadOnlyList<string> Arguments(BoardDefinition board, string elf, string semihostingPath) => new[]
    {
        "-M", board.QemuMachine, "-display", "none", "-monitor", "none", "-serial", "stdio",
        "-chardev", $"file,id=semi,path={semihostingPath}", "-semihosting-config", "enable=on,target=native,chardev=semi",
        "-icount", "shift=" + BuildRecipe.IcountShift, "-kernel", elf,
    };

    /// <param name="workDir">Receives semihosting.txt.</param>
    public static EmulatedBoard Start(BoardDefinition board, string elf, string workDir, Toolchain? tools = null)
    {
        var qemu = (tools ?? Toolchain.Default).Require("qemu-system-arm");
        if (!File.Exists(elf)) throw new EdgeToolkitException(ErrorKind.BadInput, "firmware image not found", file: elf,
            hint: "build it with ./edgetk firmware build");
        Directory.CreateDirectory(workDir);
        var semihosting = Path.GetFullPath(Path.Combine(workDir, "semihosting.txt"));
        var args = Arguments(board, Path.GetFullPath(elf), semihosting);
        var info = new ProcessStartInfo(qemu)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new EdgeToolkitException(ErrorKind.ToolMissing, $"could not start {qemu}");
        return new EmulatedBoard(process, semihosting, ProcessRunner.Quote(qemu, args));
    }

    /// <summary>Waits for the firmware to exit (after STOP); kills QEMU when it does not in time.</summary>
    public EmulatedBoardExit WaitForExit(TimeSpan timeout)
    {
        bool timedOut = !_process.WaitForExit(timeout);
        if (timedOut) Kill();
        _process.WaitForExit();
        var text = File.Exists(_semihostingPath) ? File.ReadAllText(_semihostingPath) : "";
        return new EmulatedBoardExit(timedOut ? 124 : _process.ExitCode, text, _stderr.Result, timedOut);
    }

    private void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Link.Dispose();
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
