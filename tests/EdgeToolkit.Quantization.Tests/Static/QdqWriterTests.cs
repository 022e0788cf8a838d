using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;
using Xunit.Abstractions;
using static EdgeToolkit.Quantization.Tests.Static.StaticTestGraphs;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>The QDQ graph's layout (what QdqLoweringPass expects) and that ONNX Runtime runs it close to float.</summary>
public class QdqWriterTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Fresh = new RandomSource(99).Samples(Mixed(), 16).ToList();

    [Fact]
    public void QdqModelRunsInOnnxRuntimeCloseToFloat()
    {
        var q = Calibrate(Mixed());
        var model = q.Build(new HashSet<string>());
        var (sqnr, maxErr) = CompareInOrt(Mixed(), model.Graph, Fresh);
        output.WriteLine($"outputs y, p on 16 unseen random inputs: SQNR {sqnr:0.0} dB, max |error| {maxErr:G3}");
        // int8 keeps ~48 dB per quantization; a chain of eight of them, each adding its share, stays well above 25 dB.
        Assert.True(sqnr > 25, $"SQNR {sqnr} dB");
        Assert.Equal(new[] { "conv", "relu", "pool", "flatten", "gemm1", "tanh", "matmul", "scale", "sigmoid", "gap", "reshape", "gemm2", "add" },
            model.QuantizedNodes(q.FloatGraph));
        Assert.Equal(new[] { "softmax" }, model.FloatNodes(q.FloatGraph));
    }

    [Fact]
    public void ActivationsHaveQdqPairsInTheLoweringLayout()
    {
        var q = Calibrate(Mixed());
        var g = q.Build(new HashSet<string>()).Graph;
        Assert.True(g.Opset >= 13);

        // Conv -> Relu directly (no Q between them); the Relu's output has exactly one reader: its Q.
        var conv = Node(g, "conv");
        Assert.Equal("Relu", Assert.Single(Readers(g, conv.Outputs[0])).OpType);
        var reluQ = Assert.Single(Readers(g, Node(g, "relu").Outputs[0]));
        Assert.Equal("QuantizeLinear", reluQ.OpType);
        // Scalar float scale and int8 zero point, shared by the pair.
        Assert.Equal(DataType.Float32, g.Initializers[reluQ.Inputs[1]].Type);
        Assert.Empty(g.Initializers[reluQ.Inputs[1]].Shape);
        Assert.Equal(DataType.Int8, g.Initializers[reluQ.Inputs[2]].Type);
        var reluDq = Assert.Single(Readers(g, reluQ.Outputs[0]));
        Assert.Equal("DequantizeLinear", reluDq.OpType);
        Assert.Equal(reluQ.Inputs.Skip(1), reluDq.Inputs.Skip(1));

        // MaxPool reads the relu's DQ, and its output's Q reuses exactly the relu's parameters.
        var pool = Node(g, "pool");
        Assert.Equal(reluDq.Outputs[0], pool.Inputs[0]);
        var poolQ = Assert.Single(Readers(g, pool.Outputs[0]));
        Assert.Equal(g.Initializers[reluQ.Inputs[1]].Floats[0], g.Initializers[poolQ.Inputs[1]].Floats[0]);
        Assert.Equal(g.Initializers[reluQ.Inputs[2]].Int8s[0], g.Initializers[poolQ.Inputs[2]].Int8s[0]);

        // The graph input is quantized at the start; Softmax stays float and reads the scaling Mul's DQ.
        Assert.Equal("QuantizeLinear", Assert.Single(Readers(g, "x")).OpType);
        var softmax = Node(g, "softmax");
        Assert.Equal("DequantizeLinear", Producer(g, softmax.Inputs[0])!.OpType);
        // Outputs keep their names and are float: y from a DequantizeLinear, p from the float Softmax.
        Assert.Equal(new[] { "y", "p" }, g.Outputs.Select(o => o.Name));
        Assert.Equal("DequantizeLinear", Producer(g, "y")!.OpType);
        Assert.Equal("Softmax", Producer(g, "p")!.OpType);
        // Mul's constant operand is an int8 initializer behind a DQ; both Add inputs come from DQs.
        Assert.Equal(DataType.Int8, g.Initializers[Producer(g, Node(g, "scale").Inputs[1])!.Inputs[0]].Type);
        Assert.All(Node(g, "add").Inputs, i => Assert.Equal("DequantizeLinear", Producer(g, i)!.OpType));
    }

    [Theory]
    [InlineData("conv", "conv.w", 0)]      // Conv [M, C, kh, kw]: per output channel, axis 0
    [InlineData("gemm1", "gemm1.w", 0)]    // Gemm transB=1 [N, K]: axis 0
    [InlineData("matmul", "matmul.w", 1)]  // MatMul B [K, N]: axis 1
    [InlineData("gemm2", "gemm2.w", 1)]    // Gemm transB=0 [K, N]: axis 1
    public void PerChannelWeightScalesAreMaxAbsOver127(string node, string weight, int axis)
    {
        var q = Calibrate(Mixed());
        var g = q.Build(new HashSet<string>()).Graph;
        var w = Mixed().Initializers[weight];
        var dq = Producer(g, Node(g, node).Inputs[1])!;
        Assert.Equal("DequantizeLinear", dq.OpType);
        Assert.Equal(axis, dq.GetInt("axis", 1));
        var scales = g.Initializers[dq.Inputs[1]].Floats;
        var quantized = g.Initializers[dq.Inputs[0]];
        Assert.Equal(DataType.Int8, quantized.Type);
        Assert.Equal(w.Shape, quantized.Shape);
        Assert.All(g.Initializers[dq.Inputs[2]].Int8s, z => Assert.Equal(0, z));

        int channels = w.Shape[axis], inner = w.Shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d);
        Assert.Equal(channels, scales.Length);
        for (int c = 0; c < channels; c++)
        {
            float absMax = 0;
            for (int i = 0; i < w.Length; i++) if (i / inner % channels == c) absMax = Math.Max(absMax, Math.Abs(w.Floats[i]));
            Assert.Equal(absMax / 127f, scales[c]);
        }
        // Symmetric [-127, 127]; the largest weight of each channel lands on +-127.
        Assert.All(quantized.Int8s, v => Assert.InRange((int)v, -127, 127));
        Assert.Contains(quantized.Int8s, v => Math.Abs(v) == 127);
    }

    [Fact]
    public void BiasIsInt32InUnitsOfInputScaleTimesWeightScale()
    {
        var q = Calibrate(Mixed());
        var model = q.Build(new HashSet<string>());
        var g = model.Graph;
        var gemm = Node(g, "gemm1");
        float sx = model.Activations["flatten_out"].Scale;
        var ws = g.Initializers[Producer(g, gemm.Inputs[1])!.Inputs[1]].Floats;
        var biasDq = Producer(g, gemm.Inputs[2])!;
        Assert.Equal(0, biasDq.GetInt("axis", 1));
        var biasScales = g.Initializers[biasDq.Inputs[1]].Floats;
        var biasQ = g.Initializers[biasDq.Inputs[0]];
        Assert.Equal(DataType.Int32, biasQ.Type);
        Assert.Equal(DataType.Int32, g.Initializers[biasDq.Inputs[2]].Type);
        var b = Mixed().Initializers["gemm1.b"].Floats;
        for (int c = 0; c < b.Length; c++)
        {
            Assert.Equal(sx * ws[c], biasScales[c]);
            Assert.Equal(Math.Round(b[c] / (double)biasScales[c], MidpointRounding.ToEven), biasQ.Int32s[c]);
        }
    }

    [Fact]
    public void PerTensorWeightsHaveOneScale()
    {
        var q = Calibrate(Mixed(), perChannel: false);
        var g = q.Build(new HashSet<string>()).Graph;
        var dq = Producer(g, Node(g, "conv").Inputs[1])!;
        var scale = Assert.Single(g.Initializers[dq.Inputs[1]].Floats);
        Assert.Equal(Mixed().Initializers["conv.w"].Floats.Max(Math.Abs) / 127f, scale);
        Assert.True(CompareInOrt(Mixed(), g, Fresh).SqnrDb > 20);
    }

    [Fact]
    public void ExcludedNodeStaysAFloatIslandAndTheGraphStillRuns()
    {
        var q = Calibrate(Mixed(), exclude: new[] { "gemm1" });
        var model = q.Build(new HashSet<string> { "gemm1" });
        var g = model.Graph;
        var gemm = Node(g, "gemm1");
        Assert.True(g.Initializers.ContainsKey(gemm.Inputs[1]) && g.Initializers[gemm.Inputs[1]].Type == DataType.Float32);
        Assert.Equal("DequantizeLinear", Producer(g, gemm.Inputs[0])!.OpType);   // flatten is int8: its DQ feeds the island
        Assert.Equal("QuantizeLinear", Assert.Single(Readers(g, gemm.Outputs[0])).OpType); // tanh is int8: a Q leaves it
        Assert.Contains("gemm1", model.FloatNodes(q.FloatGraph));
        Assert.Equal("excluded", model.Plan.FloatReasons["gemm1"]);
        Assert.True(CompareInOrt(Mixed(), g, Fresh).SqnrDb > 25);
    }

    [Fact]
    public void OlderOpsetIsRaisedTo13WithAttributesMovedToInputs()
    {
        var rng = new Random(2);
        var b = new GraphBuilder("old", opset: 11);
        var x = b.Input("x", DataType.Float32, 1, 6);
        var h = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ExampleModels.Uniform(rng, new[] { 4, 6 }, 0.5f)), b.Constant("b", ExampleModels.Uniform(rng, new[] { 4 }, 0.1f)) },
            NodeAttribute.Of("transB", 1L));
        var u = b.OpNamed("unsq", "Unsqueeze", new[] { h }, NodeAttribute.Of("axes", new long[] { 0 }));
        b.Output(b.Rename(b.OpNamed("sig", "Sigmoid", new[] { u }), "y"));
        var q = Calibrate(b.Graph);
        var model = q.Build(new HashSet<string>());
        Assert.Equal(13, model.Graph.Opset);
        var unsq = Node(model.Graph, "unsq");
        Assert.False(unsq.HasAttribute("axes"));
        Assert.Equal(new long[] { 0 }, model.Graph.Initializers[unsq.Inputs[1]].Int64s);
        Assert.Contains(model.Notes, n => n.Contains("opset raised from 11 to 13"));
        var inputs = new RandomSource(7).Samples(b.Graph, 8).ToList();
        Assert.True(CompareInOrt(b.Graph, model.Graph, inputs).SqnrDb > 30);
    }

    [Fact]
    public void BiasTooLargeForInt32WidensThatChannelsWeightScale()
    {
        // Row 1 of the weight is all zeros but its bias is 1000: at the symmetric scale of a zero row
        // (1e-8) the bias would need 1e11 int32 units. The scale grows until it fits.
        var b = new GraphBuilder("bias");
        var x = b.Input("x", DataType.Float32, 1, 3);
        var w = Tensor.FromFloats(new[] { 2, 3 }, new[] { 0.5f, -0.25f, 0.75f, 0f, 0f, 0f });
        b.Output(b.Rename(b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", w), b.Constant("b", Tensor.Vector(0.1f, 1000f)) }, NodeAttribute.Of("transB", 1L)), "y"));
        var q = Calibrate(b.Graph);
        var model = q.Build(new HashSet<string>());
        var g = model.Graph;
        var biasDq = Producer(g, Node(g, "fc").Inputs[2])!;
        var bq = g.Initializers[biasDq.Inputs[0]].Int32s;
        var scales = g.Initializers[biasDq.Inputs[1]].Floats;
        Assert.InRange(Math.Abs((double)bq[1]), 0, int.MaxValue / 2.0 + 1);
        Assert.Equal(1000.0, bq[1] * (double)scales[1], 3);
        var inputs = new RandomSource(7).Samples(b.Graph, 8).ToList();
        Assert.True(CompareInOrt(b.Graph, g, inputs).SqnrDb > 30);
    }
}
