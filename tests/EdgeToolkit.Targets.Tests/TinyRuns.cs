using System.Collections.Concurrent;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests;

/// <summary>Runs the tiny model once per (target, board) for all the tests that look at the result.</summary>
public sealed class TinyRuns
{
    private readonly ConcurrentDictionary<string, Lazy<TargetRunResult>> _runs = new();

    public static readonly RunOptions Options = new() { HostTimingPerCase = TimeSpan.FromMilliseconds(5) };

    public TargetRunResult Get(string target, string? board) =>
        _runs.GetOrAdd(target + "/" + board, _ => new Lazy<TargetRunResult>(() =>
            TargetRunner.Run(HandMadeModels.Tiny(), target, board == null ? null : BoardCatalog.FromRepository().Get(board),
                TestInputs.TinyCases(), Options))).Value;
}
