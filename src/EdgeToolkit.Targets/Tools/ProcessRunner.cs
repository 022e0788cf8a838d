using System.Diagnostics;

namespace EdgeToolkit.Targets.Tools;

/// <summary>What a finished (or killed) tool run left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    public string CombinedOutput => StdOut.Length == 0 ? StdErr : StdErr.Length == 0 ? StdOut : StdOut + "\n" + StdErr;
}

/// <summary>Runs one tool with an argument list (no shell), stdin closed, both streams captured, and a time limit.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string executable, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        process.WaitForExit();
        return new ProcessResult(timedOut ? 124 : process.ExitCode, stdout.Result, stderr.Result, timedOut, clock.Elapsed);
    }

    /// <summary>A command line as a person would type it in a POSIX shell (for reports and errors).</summary>
    public static string Quote(string executable, IEnumerable<string> arguments) =>
        string.Join(" ", new[] { executable }.Concat(arguments).Select(QuoteOne));

    private static string QuoteOne(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
