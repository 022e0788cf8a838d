using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Tests.Support;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// QDQ dense models lowered to QGemm / QLookup: which ops come out, and that the lowered graph
/// computes what ONNX Runtime computes on the same QDQ file (within one step of the output's
/// quantization on at least 99% of the values, many random inputs); patterns that do not match
/// exactly stay float and compute exactly what they did.
/// </summary>
public class DenseLoweringTests(ITestOutputHelper log)
{
    private const string Q = "QuantizeLinear", Dq = "DequantizeLinear", QGemm = "edgetk.QGemm", Lut = "edgetk.QLookup";

    /// <summary>
    /// Variant, the ops it must lower to, and the share of output values that must be within one
    /// output step of ONNX Runtime. ORT runs a QDQ file as float arithmetic between Q and DQ (its
    /// outputs equal our evaluator's on the unlowered graph); the integer ops round once, as that
    /// arithmetic does (SingleRoundingIsWhatTheFloatSimulationComputes), so differences come only
    /// from float rounding in ORT's sums and a hidden value one step off moving an output.
    /// </summary>
    public static TheoryData<string, string, double> Variants => new()
    {
        { "mlp-tanh per-channel with bias", $"{Q} {QGemm} {Lut} {QGemm} {Lut} {QGemm} {Dq}", 0.99 },
        { "mlp-relu per-tensor without bias", $"{Q} {QGemm} {QGemm} {QGemm} {Dq}", 0.99 },
        { "matmul rank-3 per-channel", $"{Q} {QGemm} {QGemm} {Lut} {Dq}", 0.99 },
        { "gemm transB=0 clip leaky per-tensor with bias", $"{Q} {QGemm} {QGemm} {Lut} {QGemm} {Dq}", 0.99 },
        { "elementwise chain", $"{Q} {Lut} {Lut} {Lut} {Lut} {Lut} {Lut} {Lut} {Dq}", 0.99 },
    };

    private static (ModelGraph Float, DenseQdqOptions Options) Variant(string name) => name switch
    {
        "mlp-tanh per-channel with bias" => (DenseRuns.Example("mlp-tanh"), new DenseQdqOptions()),
        "mlp-relu per-tensor without bias" => (DenseRuns.Example("mlp-relu"), new DenseQdqOptions { PerChannel = false, Bias = false }),
        "matmul rank-3 per-channel" => (DenseModels.MatMulChain(), new DenseQdqOptions()),
        "gemm transB=0 clip leaky per-tensor with bias" => (DenseModels.GemmClipLeaky(), new DenseQdqOptions { PerChannel = false }),
        "elementwise chain" => (DenseModels.ElementwiseChain(), new DenseQdqOptions()),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void LowersToIntegerOpsThatAgreeWithOnnxRuntime(string variant, string expectedOps, double withinOneStep)
    {
        var (model, options) = Variant(variant);
        var qdq = DenseRuns.QuantizeForTest(model, options: options);
        var lowered = DenseRuns.Optimised(qdq);
        Assert.Equal(expectedOps, string.Join(" ", DenseRuns.Ops(lowered)));

        using var ort = new OrtSession(OnnxExporter.ToBytes(qdq));
        var steps = OutputSteps(qdq);
        int total = 0, oneStep = 0;
        float worst = 0;
        foreach (var input in DenseQdq.RandomInputs(model, 1000, seed: 21))
        {
            var expected = ort.Run(input);
            foreach (var (name, ours) in Evaluator.Run(lowered, input))
            {
                var theirs = expected[name].Floats;
                Assert.Equal(theirs.Length, ours.Length);
                for (int i = 0; i < theirs.Length; i++)
                {
                    float off = Math.Abs(ours.Floats[i] - theirs[i]) / steps[name];
                    total++;
                    if (off <= 1.0001f) oneStep++;
                    worst = Math.Max(worst, off);
                }
            }
        }
        log.WriteLine($"{variant}: {oneStep} of {total} values within one step of ONNX Runtime, the farthest {worst:0.0} steps");
        Assert.True(oneStep >= withinOneStep * total, $"{variant}: {oneStep} of {total} values within one quantization step of ONNX Runtime");
    }

    /// <summary>
    /// mlp-tanh's first lowered layer gives exactly what the float QDQ arithmetic (what ORT runs)
    /// gives: its output is R(acc) with TFLite's single rounding, floor(acc M 2^-(31+e) + 1/2),
    /// written out here independently of FixedPoint, and the float simulation of the unlowered
    /// graph lands on the same integers. (TFLite's double rounding moved ~0.2% of them by one.)
    /// </summary>
    [Fact]
    public void SingleRoundingIsWhatTheFloatSimulationComputes()
    {
        var qdq = DenseRuns.QuantizeForTest(DenseRuns.Example("mlp-tanh"));
        var lowered = DenseRuns.Optimised(qdq);
        var fc1 = lowered.Nodes.First(n => n.OpType == "QGemm");
        var w = lowered.Initializers[fc1.Inputs[1]];
        int[] b = lowered.Initializers[fc1.Inputs[2]].Int32s, m = lowered.Initializers[fc1.Inputs[3]].Int32s, s = lowered.Initializers[fc1.Inputs[4]].Int32s;
        int zy = (int)fc1.GetInt("output_zero_point", 0), n = w.Shape[0], k = w.Shape[1];
        int values = 0;
        foreach (var input in DenseQdq.RandomInputs(qdq, 300, seed: 8))
        {
            var ours = Evaluator.Run(lowered, input, keepAll: true);
            var simulated = Evaluator.Run(qdq, input, keepAll: true)[fc1.Outputs[0]].Int8s;
            var x = ours[fc1.Inputs[0]].Int8s;
            var y = ours[fc1.Outputs[0]].Int8s;
            for (int c = 0; c < n; c++)
            {
                Assert.True(s[c] <= 0);
                int acc = b[c];
                for (int i = 0; i < k; i++) acc += x[i] * w.Int8s[c * k + i];
                int single = (int)(((long)acc * m[c] + (1L << (30 - s[c]))) >> (31 - s[c]));
                Assert.Equal(Math.Clamp(single + zy, -128, 127), (int)y[c]);
                Assert.Equal(y[c], simulated[c]);
                values++;
            }
        }
        log.WriteLine($"mlp-tanh fc1: all {values} values equal the float simulation's");
    }

    /// <summary>The scale of the DequantizeLinear that writes each graph output.</summary>
    private static Dictionary<string, float> OutputSteps(ModelGraph qdq) => qdq.Outputs.ToDictionary(o => o.Name,
        o => qdq.Initializers[qdq.Nodes.Single(n => n.Outputs.Contains(o.Name) && n.OpType == Dq).Inputs[1]].Floats[0]);

    [Fact]
    public void LeavesFloatIslandsWhereThePatternDoesNotMatchExactly()
    {
        foreach (var (why, g, floatOp) in Mismatches())
        {
            var lowered = DenseRuns.Optimised(g);
            var ops = DenseRuns.Ops(lowered);
            Assert.True(ops.Contains(floatOp) && !ops.Any(o => o.StartsWith("edgetk.")), $"{why}: {string.Join(" ", ops)}");
            foreach (var input in DenseQdq.RandomInputs(g, 5, seed: 2))
            {
                var before = Evaluator.Run(g, input);
                foreach (var (name, t) in Evaluator.Run(lowered, input))
                    Assert.Equal(DenseAssert.Bits(before[name]), DenseAssert.Bits(t));
            }
        }
    }

    /// <summary>QDQ graphs one detail away from a lowering pattern, with the float op that must stay.</summary>
    private static IEnumerable<(string Why, ModelGraph Graph, string FloatOp)> Mismatches()
    {
        var act = QuantParams.Asymmetric(-1f, 1f);
        var w = Tensor.FromFloats(new[] { 3, 4 }, Enumerable.Range(0, 12).Select(i => (i - 5) / 7f).ToArray());

        // uint8 activations before an elementwise op: QLookup is int8 only.
        var q = new QdqBuild("uint8_lookup");
        var x = q.B.Input("x", DataType.Float32, 1, 4);
        var s = q.B.Constant("u_scale", Tensor.Scalar(2f / 255));
        var z = q.B.Constant("u_zp", new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 128 }));
        var dq = q.B.OpNamed("u_dq", Dq, new[] { q.B.OpNamed("u_q", Q, new[] { x, s, z }), s, z });
        q.B.Output(q.B.Rename(q.Activation(q.B.OpNamed("tanh", "Tanh", new[] { dq }), act, "y"), "y"));
        yield return ("uint8 input", q.B.Graph, "Tanh");

        // Gemm with alpha != 1.
        yield return ("alpha 0.5", Dense("alpha", w, gemm: n => n.With(NodeAttribute.Of("alpha", 0.5f))), "Gemm");

        // A Relu whose output is also read by another node: it cannot be folded into the Gemm's clamp.
        yield return ("relu read twice", Dense("relu_twice", w, reluAlsoRead: true), "Gemm");

        // Weights with a non-zero zero point.
        yield return ("asymmetric weights", Dense("w_zp", w, weightZeroPoint: 3), "Gemm");
    }

    /// <summary>DQ(x) -> Gemm(DQ(W), transB) -> Relu -> Q -> DQ -> y, with one of the given departures.</summary>
    private static ModelGraph Dense(string name, Tensor w, Func<Node, Node>? gemm = null, bool reluAlsoRead = false, int weightZeroPoint = 0)
    {
        var act = QuantParams.Asymmetric(-1f, 1f);
        var q = new QdqBuild(name);
        var b = q.B;
        var x = q.Activation(b.Input("x", DataType.Float32, 1, 4), act, "x");
        string wv;
        if (weightZeroPoint == 0) wv = q.Weight("w", w, axis: 0).Value;
        else
        {
            var wq = b.Constant("w_q", new Tensor(DataType.Int8, w.Shape, w.Floats.Select(v => (sbyte)Math.Round(v * 20)).ToArray()));
            wv = b.OpNamed("w_dq", Dq, new[] { wq, b.Constant("w_s", Tensor.Scalar(0.05f)), b.Constant("w_z", new Tensor(DataType.Int8, Array.Empty<int>(), new[] { (sbyte)weightZeroPoint })) });
        }
        var y = b.OpNamed("fc", "Gemm", new[] { x, wv }, NodeAttribute.Of("transB", 1L));
        if (gemm != null) gemm(b.Graph.Nodes[^1]);
        var r = b.OpNamed("relu", "Relu", new[] { y });
        b.Output(b.Rename(q.Activation(r, QuantParams.Asymmetric(0f, 2f), "y"), "y"));
        if (reluAlsoRead) b.Output(b.OpNamed("neg", "Neg", new[] { r }));
        return b.Graph;
    }
}
