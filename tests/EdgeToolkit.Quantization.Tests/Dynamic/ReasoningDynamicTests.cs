using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Dynamic;
using EdgeToolkit.Targets;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Reasoning;
using EdgeToolkit.Training.Zoo;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>
/// The proof for the reasoning model (models/reasoning-arith, a 3-layer KV-cache decoder):
/// quantized dynamically, its greedy-decoding exact match in ORT stays within one point of float
/// on each arithmetic task, scored by the same held-out sets `edgetk evaluate` uses.
/// </summary>
public class ReasoningDynamicTests(ITestOutputHelper output)
{
    private const int Problems = 400;

    [Fact]
    public void Exact_match_stays_within_one_point_of_float_on_add_sub_and_mul()
    {
        var modelPath = Path.Combine(RepoPaths.Root, "models", "reasoning-arith", ModelFolder.ModelFile);
        var graph = OnnxImporter.Load(modelPath);
        var config = ModelFolder.ReadConfig(modelPath);
        var q = DynamicQuantizer.Quantize(graph, new DynamicQuantizationOptions());
        output.WriteLine($"weights: float {q.WeightBytesBefore:N0} B, int8 {q.WeightBytesAfter:N0} B; {q.QuantizedNodes.Count} MatMul in int8, {q.QuantizedEmbeddings.Count} embedding tables");
        Assert.Equal(3 * 6 + 1, q.QuantizedNodes.Count); // per layer q, k, v, proj, fc1, fc2; then the head

        using var fp32 = new OrtBackend(graph);
        using var int8 = new OrtBackend(q.Graph);
        foreach (var dataset in new IEvaluationDataset[] { new ArithmeticAddDataset(), new ArithmeticSubDataset(), new ArithmeticMulDataset() })
        {
            EvaluationResult Score(IInferenceBackend b) =>
                dataset.Evaluate(new EvaluationContext { ModelPath = modelPath, Graph = graph, Config = config, Backend = b, Limit = Problems });
            var f = Score(fp32);
            var i = Score(int8);
            output.WriteLine($"{dataset.Name}: exact match float {f.Value:P1}, int8 {i.Value:P1} on {i.Samples} problems");
            Assert.Equal(Problems, i.Samples);
            Assert.True(Math.Abs(f.Value - i.Value) <= 0.01, $"{dataset.Name}: int8 {i.Value:P1} is more than one point from float {f.Value:P1}");
        }
    }

    [Fact]
    public void The_speed_check_warns_that_its_small_layers_may_run_slower_in_int8()
    {
        var modelPath = Path.Combine(RepoPaths.Root, "models", "reasoning-arith", ModelFolder.ModelFile);
        var graph = OnnxImporter.Load(modelPath);
        // 64 x 64 and 64 x 256 weights, one token per step: too small for int8 even with VNNI.
        var check = Int8SpeedCheck.Assess(Int8SpeedCheckTests.Vnni, graph);
        Assert.False(check.Int8LikelyFaster);
        Assert.Contains("small matrices", check.Explanation);

        // What that means here, printed (never asserted): one decoding step, one thread.
        var q = DynamicQuantizer.Quantize(graph, new DynamicQuantizationOptions());
        var step = new Dictionary<string, Tensor>
        {
            ["token"] = Tensor.FromInt64s(new[] { 1 }, new long[] { 3 }),
            ["position"] = Tensor.FromInt64s(new[] { 1 }, new long[] { 5 }),
            ["past_keys"] = Tensor.Zeros(DataType.Float32, new[] { 3, 24, 64 }),
            ["past_values"] = Tensor.Zeros(DataType.Float32, new[] { 3, 24, 64 }),
        };
        using var fp32 = new OrtSession(graph);
        using var int8 = new OrtSession(q.Graph);
        var (f, i) = InterleavedLatency.Medians(fp32, int8, step, rounds: 5, runsPerRound: 200);
        output.WriteLine($"one decoding step, one thread, median of 1000 runs each (5 alternating rounds): float {f / 1e3:F1} us, int8 {i / 1e3:F1} us, int8/float {i / f:F2}");
        output.WriteLine($"Int8SpeedCheck for this model here: {Int8SpeedCheck.Assess(graph).Explanation}");
    }
}
