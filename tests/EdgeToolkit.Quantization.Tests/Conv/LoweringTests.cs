using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// QDQ graphs calibrated on random inputs, lowered by the standard pipeline: the integer ops that
/// come out, and the lowered graph (C# evaluator) against ONNX Runtime running the QDQ file: within
/// one quantization step of the output on at least 99% of the elements.
/// </summary>
public class LoweringTests
{
    private static ModelGraph Calibrated(string name, Func<QdqNet, string> body, int seed = 1)
    {
        var fp = QdqNet.BuildFloat(name, seed, body);
        return QdqNet.Build(name, seed, body, QdqTestKit.FloatInputs(fp, 16, seed + 100));
    }

    private static void AssertAgreesWithOrt(ModelGraph qdq, ModelGraph lowered, int cases = 40)
    {
        var (close, total) = QdqTestKit.AgreementWithOrt(qdq, lowered, QdqTestKit.FloatInputs(qdq, cases, 7), QdqTestKit.OutputScale(qdq));
        Assert.True(close >= 0.99 * total, $"{close} of {total} elements within one step of ONNX Runtime");
    }

    [Fact]
    public void Conv_relu_maxpool_becomes_one_qconv_with_the_pool_fused()
    {
        var qdq = Calibrated("conv_pool", n =>
        {
            var x = n.Input("x", 1, 3, 11, 12);
            x = n.Conv(x, "c1", 3, 6, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }, activation: "Relu");
            x = n.MaxPool(x, "p1", new[] { 2, 2 }, new[] { 2, 2 });
            x = n.Conv(x, "c2", 6, 5, new[] { 3, 3 }, strides: new[] { 2, 1 }, activation: "Relu6");
            return n.Flatten(x, "flat");
        });
        // c2's output range made wider than Relu6's, so the clip has work to do: scale 0.06, zero point 0.
        foreach (var tag in new[] { "c2_y", "flat_y" })
        {
            qdq.Initializers[tag + "_scale"] = Tensor.Scalar(0.06f);
            qdq.Initializers[tag + "_zp"] = new Tensor(DataType.Int8, Array.Empty<int>(), new sbyte[] { 0 });
        }
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Equal(new[] { "QuantizeLinear", "QConv", "+MaxPool", "QConv", "Flatten", "DequantizeLinear" }, QdqTestKit.OpTypes(lowered));
        var c2 = lowered.Nodes.Single(n => n.Name == "c2");
        // Relu6 folded into the clamp: [0, 6] is [0, 100] in steps of 0.06.
        Assert.Equal(("edgetk", 0L, 100L), (c2.Domain, c2.GetInt("act_min", -128), c2.GetInt("act_max", 127)));
        AssertAgreesWithOrt(qdq, lowered);
    }

    [Fact]
    public void Depthwise_and_grouped_convs_lower()
    {
        var qdq = Calibrated("depthwise", n =>
        {
            var x = n.Input("x", 1, 4, 10, 9);
            x = n.Conv(x, "dw", 4, 4, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }, group: 4, activation: "Relu");
            x = n.Conv(x, "grouped", 4, 6, new[] { 3, 1 }, strides: new[] { 1, 2 }, group: 2);
            return n.Conv(x, "pointwise", 6, 3, new[] { 1, 1 });
        });
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Equal(new[] { "QuantizeLinear", "QConv", "QConv", "QConv", "DequantizeLinear" }, QdqTestKit.OpTypes(lowered));
        Assert.Equal(4, lowered.Nodes.Single(n => n.Name == "dw").GetInt("group", 1));
        AssertAgreesWithOrt(qdq, lowered);
    }

    [Fact]
    public void One_dimensional_conv_lowers()
    {
        var qdq = Calibrated("conv1d", n =>
        {
            var x = n.Input("x", 1, 2, 30);
            x = n.Conv(x, "c", 2, 4, new[] { 5 }, strides: new[] { 2 }, pads: new[] { 2, 2 }, activation: "Relu");
            return n.MaxPool(x, "p", new[] { 3 }, new[] { 3 });
        });
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Equal(new[] { "QuantizeLinear", "QConv", "+MaxPool", "DequantizeLinear" }, QdqTestKit.OpTypes(lowered));
        AssertAgreesWithOrt(qdq, lowered);
    }

    [Fact]
    public void Residual_add_mul_and_global_average_pool_lower()
    {
        var qdq = Calibrated("residual", n =>
        {
            var x = n.Input("x", 1, 4, 8, 8);
            var h = n.Conv(x, "c1", 4, 4, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }, activation: "Relu");
            h = n.Add(h, x, "residual", relu: true);
            var gate = n.Conv(h, "gate", 4, 4, new[] { 1, 1 });
            h = n.Mul(h, gate, "gated");
            h = n.GlobalAveragePool(h, "gap");
            return n.Flatten(h, "flat");
        });
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Equal(new[] { "QuantizeLinear", "QConv", "QAdd", "QConv", "QMul", "QGlobalAveragePool", "Flatten", "DequantizeLinear" }, QdqTestKit.OpTypes(lowered));
        AssertAgreesWithOrt(qdq, lowered);
    }

    [Fact]
    public void A_gemm_classifier_stays_a_float_island_between_dequantize_and_output()
    {
        var qdq = Calibrated("island", n =>
        {
            var x = n.Input("x", 1, 2, 6, 6);
            x = n.Conv(x, "c", 2, 3, new[] { 3, 3 }, activation: "Relu");
            x = n.Flatten(x, "flat");
            var w = n.B.Constant("fc_w", Graph.Builders.ExampleModels.Uniform(new Random(3), new[] { 4, 48 }, 0.3f));
            return n.B.OpNamed("fc", "Gemm", new[] { x, w }, NodeAttribute.Of("transB", 1L));
        });
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Equal(new[] { "QuantizeLinear", "QConv", "Flatten", "DequantizeLinear", "Gemm" }, QdqTestKit.OpTypes(lowered));
        var (close, total) = QdqTestKit.AgreementWithOrt(qdq, lowered, QdqTestKit.FloatInputs(qdq, 20, 7), 1e-4f);
        Assert.Equal(total, close);
    }

    [Fact]
    public void Patterns_that_do_not_match_exactly_stay_float()
    {
        var qdq = Calibrated("mismatch", n =>
        {
            var x = n.Input("x", 1, 2, 6, 6);
            x = n.Conv(x, "c", 2, 3, new[] { 3, 3 });
            // The pool's output gets its own range: not a pass-through.
            return n.Act(n.B.OpNamed("p", "MaxPool", new[] { x }, NodeAttribute.Of("kernel_shape", new long[] { 2, 2 })), "p_own");
        });
        // A conv with a float bias (not dequantized from int32) is no QDQ conv either.
        var c = qdq.Nodes.Single(n => n.Name == "c");
        qdq.Initializers["float_bias"] = Tensor.FromFloats(new[] { 3 }, new float[] { 0.1f, 0.2f, 0.3f });
        c.Inputs[2] = "float_bias";
        var lowered = QdqTestKit.Lower(qdq);
        Assert.Contains("Conv", QdqTestKit.OpTypes(lowered));
        Assert.Contains("MaxPool", QdqTestKit.OpTypes(lowered));
        Assert.DoesNotContain(lowered.Nodes, n => n.Domain == "edgetk");
    }
}
