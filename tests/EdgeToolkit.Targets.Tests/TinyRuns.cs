using System.Collections.Concurrent;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests;

/// <summary>Runs the tiny model once per (target, board) for all the tests that look at the result (per process).</summary>
public sealed class TinyRuns
{
    // Static: every test class that takes this fixture shares the same runs.
    private static readonly ConcurrentDictionary<string, Lazy<TargetRunResult>> Runs = new();

    public static readonly RunOptions Options = new() { HostTimingPerCase = TimeSpan.FromMilliseconds(5) };

    public TargetRunResult Get(string target, string? board) =>
        Runs.GetOrAdd(target + "/" + board, _ => new Lazy<TargetRunResult>(() =>
            TargetRunner.Run(HandMadeModels.Tiny(), target, board == null ? null : BoardCatalog.FromRepository().Get(board),
                TestInputs.TinyCases(), Options))).Value;
}
