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
        _log.WriteLine(_runs.Get("cortex-m4", null).CompileCommand);
        _log.WriteLine(_runs.Get("cortex-m4", null).RunCommand);
        foreach (var note in _runs.Get("cortex-m4", null).MeasurementNotes) _log.WriteLine(note);
    }
}
