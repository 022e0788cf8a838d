using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Tests.Dense;
using EdgeToolkit.Quantization.Tests.Support;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dense16;

/// <summary>
/// QDQ dense models with int16 activations (16x8, opset 21) lowered to int16 QGemm / QLookup16:
/// which ops come out, and that the lowered graph computes what ONNX Runtime computes on the same
/// QDQ file, within one step of the output's int16 quantization on at least 99% of the values;
/// patterns that do not fit (mixed int8/int16, sums that could overflow int32) stay float and
/// compute exactly what they did.
/// </summary>
public class Dense16LoweringTests(ITestOutputHelper log)
{
    private const string Q = "QuantizeLinear", Dq = "DequantizeLinear", QGemm = "edgetk.QGemm", Lut = "edgetk.QLookup16";

    public static TheoryData<string, string> Variants => new()
    {
        { "mlp-tanh per-channel with bias", $"{Q} {QGemm} {Lut} {QGemm} {Lut} {QGemm} {Dq}" },
        { "mlp-relu per-tensor without bias", $"{Q} {QGemm} {QGemm} {QGemm} {Dq}" },
        { "matmul rank-3 per-channel", $"{Q} {QGemm} {QGemm} {Lut} {Dq}" },
        { "gemm transB=0 clip leaky per-tensor with bias", $"{Q} {QGemm} {QGemm} {Lut} {QGemm} {Dq}" },
        { "elementwise chain", $"{Q} {Lut} {Lut} {Lut} {Lut} {Lut} {Lut} {Lut} {Dq}" },
    };

    private static (ModelGraph Float, DenseQdqOptions Options) Variant(string name) => name switch
    {
        "mlp-tanh per-channel with bias" => (DenseRuns.Example("mlp-tanh"), new DenseQdqOptions { Activations = DataType.Int16 }),
        "mlp-relu per-tensor without bias" => (DenseRuns.Example("mlp-relu"), new DenseQdqOptions { PerChannel = false, Bias = false, Activations = DataType.Int16 }),
        "matmul rank-3 per-channel" => (DenseModels.MatMulChain(), new DenseQdqOptions { Activations = DataType.Int16 }),
        "gemm transB=0 clip leaky per-tensor with bias" => (DenseModels.GemmClipLeaky(), new DenseQdqOptions { PerChannel = false, Activations = DataType.Int16 }),
        "elementwise chain" => (DenseModels.ElementwiseChain(), new DenseQdqOptions { Activations = DataType.Int16 }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void LowersToInt16OpsThatAgreeWithOnnxRuntime(string variant, string expectedOps)
    {
        var (model, options) = Variant(variant);
        var qdq = DenseRuns.QuantizeForTest(model, options: options);
        Assert.Equal(21, qdq.Opset);
        var lowered = DenseRuns.Optimised(qdq);
        Assert.Equal(expectedOps, string.Join(" ", DenseRuns.Ops(lowered)));
        Assert.All(lowered.Nodes.Where(n => n.Domain == "edgetk"), n => Assert.Equal(DataType.Int16, lowered.GetInfo(n.Inputs[0]).Type));

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
                for (int i = 0; i < theirs.Length; i++)
                {
                    // In integer steps: with codes up to 32767 the float rounding of the two dequantized values
                    // is up to 2^-9 of a step, so compare the codes they dequantize (exactly) from.
                    float off = Math.Abs(MathF.Round(ours.Floats[i] / steps[name]) - MathF.Round(theirs[i] / steps[name]));
                    total++;
                    if (off <= 1) oneStep++;
                    worst = Math.Max(worst, off);
                }
            }
        }
        log.WriteLine($"{variant}: {oneStep} of {total} values within one int16 step of ONNX Runtime, the farthest {worst:0.0} steps");
        Assert.True(oneStep >= 0.99 * total, $"{variant}: {oneStep} of {total} values within one int16 step of ONNX Runtime");
    }

    /// <summary>The scale of the DequantizeLinear that writes each graph output.</summary>
    private static Dictionary<string, float> OutputSteps(ModelGraph qdq) => qdq.Outputs.ToDictionary(o => o.Name,
        o => qdq.Initializers[qdq.Nodes.Single(n => n.Outputs.Contains(o.Name) && n.OpType == Dq).Inputs[1]].Floats[0]);

    [Fact]
    public void LeavesFloatIslandsWhereTheInt16PatternDoesNotFit()
    {
        foreach (var (why, g, floatOp) in Mismatches())
        {
            var lowered = DenseRuns.Optimised(g);
            var ops = DenseRuns.Ops(lowered);
            Assert.True(ops.Contains(floatOp) && !ops.Contains(QGemm), $"{why}: {string.Join(" ", ops)}");
            foreach (var input in DenseQdq.RandomInputs(g, 5, seed: 2))
            {
                var before = Evaluator.Run(g, input);
                foreach (var (name, t) in Evaluator.Run(lowered, input))
                    Assert.Equal(DenseAssert.Bits(before[name]), DenseAssert.Bits(t));
            }
        }
    }

    /// <summary>16x8 QDQ Gemms one detail away from QGemm, with the float op that must stay.</summary>
    private static IEnumerable<(string Why, ModelGraph Graph, string FloatOp)> Mismatches()
    {
        var x16 = QuantParams.SymmetricInt16(-1f, 1f);
        // int16 in, int8 out: QGemm's X and Y share their type.
        yield return ("int16 in, int8 out", Dense("mixed", k: 4, wValue: 0.5f, bias: 0.1f, x16, QuantParams.Asymmetric(-2f, 2f)), "Gemm");
        // K = 600 weights of full range: 32768 * 600 * 127 leaves int32.
        yield return ("sums past int32", Dense("wide", k: 600, wValue: 0.5f, bias: 0.1f, x16, QuantParams.SymmetricInt16(-300f, 300f)), "Gemm");
        // A bias of 10 in units of sx * sw = (1e-3 / 32767) * (0.5 / 127): 8e10, past int32.
        yield return ("bias past int32", Dense("bias", k: 4, wValue: 0.5f, bias: 10f, QuantParams.SymmetricInt16(-1e-3f, 1e-3f), QuantParams.SymmetricInt16(-20f, 20f)), "Gemm");
    }

    /// <summary>DQ(x int16) -> Gemm(DQ(W [1, k] of wValue), DQ(bias)) -> Q(y) -> DQ -> y at opset 21.</summary>
    private static ModelGraph Dense(string name, int k, float wValue, float bias, QuantParams x, QuantParams y)
    {
        var q = new QdqBuild(name, opset: 21);
        var b = q.B;
        var xv = q.Activation(b.Input("x", DataType.Float32, 1, k), x, "x");
        var (w, scales) = q.Weight("w", Tensor.FromFloats(new[] { 1, k }, Enumerable.Repeat(wValue, k).ToArray()), axis: 0);
        var c = q.Bias("b", new[] { bias }, x.Scale, scales);
        var out_ = b.OpNamed("fc", "Gemm", new[] { xv, w, c }, NodeAttribute.Of("transB", 1L));
        b.Output(b.Rename(q.Activation(out_, y, "y"), "y"));
        return b.Graph;
    }
}
