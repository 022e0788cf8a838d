using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Running;
using Xunit.Abstractions;

namespace EdgeToolkit.Targets.Tests;

/// <summary>Writes the tiny model's figures on every target to the test log (for reports); asserts only that they exist.</summary>
public class FigureReport : IClassFixture<TinyRuns>
{
    private readonly TinyRuns _runs;
    private readonly ITestOutputHelper _log;

    public FigureReport(TinyRuns runs, ITestOutputHelper log) { _runs = runs; _log = log; }

    [Fact]
    public void TinyModelFiguresOnEveryTarget()
    {
        foreach (var (target, board) in new (string, string?)[] { ("host", null), ("aarch64", null), ("cortex-m0", null), ("cortex-m3", null),
                     ("cortex-m4", null), ("cortex-m7", null), ("cortex-m33", null), ("cortex-m4", "netduinoplus2") })
        {
            TargetRunResult r = _runs.Get(target, board);
            _log.WriteLine($"{target,-10} {r.Board ?? "-",-14} instructions={r.InstructionsPerInference?.ToString() ?? "null"} " +
                $"ns={r.NsPerInference?.ToString("0.0") ?? "null"} flash={r.FlashBytes} ram={r.RamBytes} stack={r.StackBytes?.ToString() ?? "null"} " +
                $"image_flash={r.ImageFlashBytes}");
            Assert.True(r.FlashBytes > 0);
        }
        var x = new[] { 0.5f, -1.25f, 3f, 0.1f };
        var loopCases = new[] { 1000, 2000 }.Select(n => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
        {
            ["n"] = Tensor.FromInt32s(new[] { 1 }, new[] { n }),
            ["x"] = Tensor.FromFloats(new[] { 4 }, x),
        }).ToList();
        foreach (var target in new[] { "cortex-m0", "cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33" })
        {
            var loop = TargetRunner.Run(HandMadeModels.Loop(), target, null, loopCases, TinyRuns.Options);
            _log.WriteLine($"loop {target}: n=1000 {loop.InstructionsPerCase![0]}, n=2000 {loop.InstructionsPerCase[1]} instructions");
        }
        var layers = TargetRunner.Run(HandMadeModels.Tiny(), "cortex-m4", null, TestInputs.TinyCases(), TinyRuns.Options with { PerLayer = true });
        _log.WriteLine($"per-layer cortex-m4: {string.Join(", ", layers.Layers!.Select(l => $"layer {l.Index} {l.Instructions}"))} of {layers.InstructionsPerInference}");
        _log.WriteLine(_runs.Get("cortex-m4", null).CompileCommand);
        _log.WriteLine(_runs.Get("cortex-m4", null).RunCommand);
        foreach (var note in _runs.Get("cortex-m4", null).MeasurementNotes) _log.WriteLine(note);
    }
}
