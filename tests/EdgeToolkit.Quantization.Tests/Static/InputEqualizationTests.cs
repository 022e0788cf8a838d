using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;
using Xunit.Abstractions;
using static EdgeToolkit.Quantization.Tests.Static.StaticTestGraphs;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>Input equalization changes nothing in float and keeps small-range features alive in int8.</summary>
public class InputEqualizationTests(ITestOutputHelper output)
{
    /// <summary>Raw readings: feature j is uniform in [offset_j - spread_j, offset_j + spread_j] (a pulse near 60, a flag, steps in the thousands).</summary>
    private sealed class RawReadings(float[] offset, float[] spread, int seed) : ICalibrationSource
    {
        public string Description => "raw readings";
        public bool IsRandom => false;
        public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count)
        {
            var rng = new Random(seed);
            for (int s = 0; s < count; s++)
                yield return new Dictionary<string, Tensor>
                {
                    ["x"] = Tensor.FromFloats(new[] { 1, offset.Length }, offset.Select((o, j) => o + (float)(rng.NextDouble() * 2 - 1) * spread[j]).ToArray()),
                };
        }
    }

    private static readonly float[] Offsets = { 60f, 0.5f, 5000f, 0f };
    private static readonly float[] Spreads = { 5f, 0.5f, 3000f, 1f };

    /// <summary>A Gemm whose weights undo each feature's scale (standardisation folded in), then Relu and a head.</summary>
    private static ModelGraph RawInputModel(string op)
    {
        var rng = new Random(4);
        var b = new GraphBuilder("raw");
        var x = b.Input("x", DataType.Float32, 1, 4);
        var std = ExampleModels.Uniform(rng, new[] { 8, 4 }, 1f).Floats;
        var w = new float[32];
        var bias = new float[8];
        for (int u = 0; u < 8; u++)
            for (int j = 0; j < 4; j++) { w[u * 4 + j] = std[u * 4 + j] / Spreads[j]; bias[u] -= std[u * 4 + j] * Offsets[j] / Spreads[j]; }
        string h = op == "Gemm"
            ? b.OpNamed("fc1", "Gemm", new[] { x, b.Constant("w1", Tensor.FromFloats(new[] { 8, 4 }, w)), b.Constant("b1", Tensor.FromFloats(new[] { 8 }, bias)) }, NodeAttribute.Of("transB", 1L))
            : b.OpNamed("fc1", "MatMul", new[] { x, b.Constant("w1", Transpose(w, 8, 4)) });
        h = b.OpNamed("relu1", "Relu", new[] { h });
        b.Output(b.Rename(b.OpNamed("head", "Gemm", new[] { h, b.Constant("w2", ExampleModels.Uniform(rng, new[] { 3, 8 }, 0.5f)) }, NodeAttribute.Of("transB", 1L)), "y"));
        return b.Graph;
    }

    private static Tensor Transpose(float[] w, int rows, int cols)
    {
        var t = new float[w.Length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
        return Tensor.FromFloats(new[] { cols, rows }, t);
    }

    [Theory]
    [InlineData("Gemm", true)]     // every reader a Gemm: centred and scaled
    [InlineData("MatMul", false)]  // no bias to take the centre: scaled only
    public void EqualizedGraphComputesTheSameInFloat(string op, bool centred)
    {
        var model = RawInputModel(op);
        var source = new RawReadings(Offsets, Spreads, 1);
        var q = StaticQuantizer.Calibrate(model, source, new StaticQuantizationOptions { CalibrationSamples = 200 });
        var eq = q.FloatGraph;
        var mul = Assert.Single(eq.Nodes, n => n.OpType == "Mul");
        Assert.Equal("x", mul.Inputs[0]);
        Assert.Equal(centred, eq.Nodes.Any(n => n.OpType == "Add"));
        Assert.Contains(q.Notes, n => n.Contains("input 'x'"));
        foreach (var x in new RawReadings(Offsets, Spreads, 2).Samples(model, 20))
        {
            var expected = Evaluator.Run(model, x)["y"].Floats;
            var got = Evaluator.Run(eq, x)["y"].Floats;
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], got[i], 3);
        }
        // The float nodes it added stay float in every plan.
        Assert.All(q.KeepFloat.Keys, n => Assert.DoesNotContain(n, q.Build(new HashSet<string>()).Plan.Nodes.Keys));
    }

    [Fact]
    public void EqualizationKeepsSmallRangeFeaturesThroughInt8()
    {
        var model = RawInputModel("Gemm");
        var inputs = new RawReadings(Offsets, Spreads, 3).Samples(model, 32).ToList();
        double? Sqnr(bool equalize) => CompareInOrt(model, StaticQuantizer.Calibrate(model, new RawReadings(Offsets, Spreads, 1),
            new StaticQuantizationOptions { CalibrationSamples = 200, EqualizeInputs = equalize }).Build(new HashSet<string>()).Graph, inputs).SqnrDb;
        double? with = Sqnr(true), without = Sqnr(false);
        output.WriteLine($"output SQNR: {with:0.0} dB with input equalization, {without:0.0} dB without");
        Assert.True(with > 30, $"with {with}");
        Assert.True(with > without + 15, $"with {with}, without {without}");
    }

    [Fact]
    public void InputsWithSimilarRangesAreLeftAlone()
    {
        var q = Calibrate(Mixed());
        Assert.Empty(q.KeepFloat);
        Assert.DoesNotContain(q.FloatGraph.Nodes, n => n.Inputs.Contains("x") && n.OpType == "Mul");
    }
}
