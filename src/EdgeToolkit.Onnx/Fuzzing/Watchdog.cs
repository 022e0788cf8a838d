namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>
/// Runs one case on a thread of its own and stops waiting after a limit, so that a hang is
/// reported instead of stalling the run. .NET cannot kill a thread: a hung one is abandoned as a
/// background thread (it dies with the process), and the caller stops the run.
/// </summary>
internal static class Watchdog
{
    /// <summary>The main thread's stack on Linux, where the CLI runs a user's command.</summary>
    private const int StackBytes = 8 << 20;

    /// <summary>False when the work did not finish in time.</summary>
    public static bool TryRun(Action work, TimeSpan limit)
    {
        var thread = new Thread(() => work(), StackBytes) { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        return thread.Join(limit);
    }
}
