using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;
using Xunit.Abstractions;
using static EdgeToolkit.Quantization.Tests.Static.StaticTestGraphs;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>
/// `--activations int16` (16x8): the QDQ model is opset 21 with symmetric int16 activations over
/// twice the calibrated range, ONNX Runtime runs it closer to float than int8, and the nodes
/// without an int16 kernel or whose int32 sums could overflow stay float with the reason.
/// </summary>
public class Int16QuantizerTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Fresh = new RandomSource(99).Samples(Mixed(), 16).ToList();

    private static StaticQuantizer Calibrate16(ModelGraph g, DataType activations = DataType.Int16) =>
        StaticQuantizer.Calibrate(g, new RandomSource(1), new StaticQuantizationOptions
        {
            CalibrationSamples = 64, ReportSamples = 16, Activations = activations, CompensateRounding = activations == DataType.Int16,
        });

    [Fact]
    public void ActivationsAreSymmetricInt16OverTwiceTheCalibratedRangeAtOpset21()
    {
        var q = Calibrate16(Mixed());
        var model = q.Build(new HashSet<string>());
        var g = model.Graph;
        Assert.Equal(21, g.Opset);
        Assert.Contains(model.Notes, n => n.Contains("to 21"));
        var activationQs = g.Nodes.Where(n => n.OpType == "QuantizeLinear").ToList();
        Assert.NotEmpty(activationQs);
        foreach (var qn in activationQs)
        {
            var zero = g.Initializers[qn.Inputs[2]];
            Assert.Equal(DataType.Int16, zero.Type);
            Assert.Equal(0, zero.Int16s[0]);
        }
        // gemm1's input (flatten's output) is quantized with scale 2 max|x| / 32767.
        var p = model.Activations["flatten_out"];
        var r = q.Ranges["flatten_out"];
        Assert.Equal(DataType.Int16, p.Type);
        Assert.Equal(2 * Math.Max(Math.Abs(r.Min), Math.Abs(r.Max)) / 32767f, p.Scale, 6);
    }

    [Fact]
    public void OnlyOpsWithInt16KernelsAreQuantizedAndOrtRunsItCloserToFloatThanInt8()
    {
        var q16 = Calibrate16(Mixed());
        var m16 = q16.Build(new HashSet<string>());
        Assert.Equal(new[] { "gemm1", "tanh", "matmul", "sigmoid", "gemm2" }, m16.QuantizedNodes(q16.FloatGraph));
        foreach (var n in new[] { "conv", "scale", "gap", "add" })
            Assert.StartsWith("no int16", m16.Plan.FloatReasons[n]);

        var q8 = Calibrate16(Mixed(), DataType.Int8);
        var sqnr8 = CompareInOrt(Mixed(), q8.Build(new HashSet<string>()).Graph, Fresh).SqnrDb!.Value;
        var sqnr16 = CompareInOrt(Mixed(), m16.Graph, Fresh).SqnrDb!.Value;
        output.WriteLine($"Mixed on 16 unseen inputs: int8 {sqnr8:0.0} dB, 16x8 {sqnr16:0.0} dB");
        Assert.True(sqnr16 > sqnr8 + 6, $"16x8 {sqnr16:0.0} dB against int8 {sqnr8:0.0} dB");
    }

    [Fact]
    public void AGemmWhoseSumsCouldOverflowStaysFloatWithTheReason()
    {
        // K = 600 weights of one magnitude: each rounds to +-127, and 32768 * 600 * 127 is past 2^31.
        var rng = new Random(3);
        var b = new GraphBuilder("wide", opset: 17);
        var x = b.Input("x", DataType.Float32, 1, 600);
        var w = Tensor.FromFloats(new[] { 4, 600 }, Enumerable.Range(0, 2400).Select(_ => rng.Next(2) == 0 ? 0.05f : -0.05f).ToArray());
        var h = b.OpNamed("wide", "Gemm", new[] { x, b.Constant("w", w), b.Constant("b", Tensor.Vector(0.1f, 0.2f, 0.3f, 0.4f)) }, NodeAttribute.Of("transB", 1L));
        var narrow = b.OpNamed("narrow", "Gemm", new[] { b.OpNamed("t", "Tanh", new[] { h }), b.Constant("w2", ExampleModels.Uniform(rng, new[] { 2, 4 }, 0.5f)) },
            NodeAttribute.Of("transB", 1L));
        b.Output(b.Rename(narrow, "y"));
        var q = Calibrate16(b.Graph);
        var model = q.Build(new HashSet<string>());
        Assert.Contains("overflow", model.Plan.FloatReasons["wide"]);
        Assert.Equal(new[] { "t", "narrow" }, model.QuantizedNodes(q.FloatGraph));
        var inputs = new RandomSource(5).Samples(b.Graph, 8).ToList();
        Assert.True(CompareInOrt(b.Graph, model.Graph, inputs).SqnrDb > 40);
    }

    [Fact]
    public void RaisingToOpset21MovesReduceAxesToInputsAndRefusesGroupNormalization()
    {
        var b = new GraphBuilder("reduce", opset: 13);
        var x = b.Input("x", DataType.Float32, 2, 3);
        b.Output(b.Rename(b.OpNamed("mean", "ReduceMean", new[] { x }, NodeAttribute.Of("axes", new long[] { 1 })), "y"));
        var g = b.Graph;
        Assert.Contains("from 13 to 21", OpsetUpgrade.To21(g));
        Assert.Equal(21, g.Opset);
        var mean = Node(g, "mean");
        Assert.False(mean.HasAttribute("axes"));
        Assert.Equal(new long[] { 1 }, g.Initializers[mean.Inputs[1]].Int64s);
        Assert.Null(OpsetUpgrade.To21(g));

        var gn = new GraphBuilder("gn", opset: 18);
        var gx = gn.Input("x", DataType.Float32, 1, 4, 2, 2);
        gn.Output(gn.Rename(gn.OpNamed("norm", "GroupNormalization", new[] { gx, gn.Constant("s", Tensor.Vector(1f, 1f)), gn.Constant("b", Tensor.Vector(0f, 0f)) },
            NodeAttribute.Of("num_groups", 2L)), "y"));
        var e = Assert.Throws<EdgeToolkitException>(() => OpsetUpgrade.To21(gn.Graph));
        Assert.Contains("GroupNormalization", e.Message);
    }
}
