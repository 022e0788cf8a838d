using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// One int8 graph exercising every integer kernel path, for the target tests (one build per target):
/// a calibrated QDQ network lowered by the pipeline (padded and unpadded windows, strides,
/// dilations, groups, depthwise, 1-D, odd channel and tap counts, fused pools with odd windows,
/// long tap runs, residual Add, Mul, broadcasting, global average pool, int8 MaxPool, Transpose,
/// Reshape), plus QConv/QAdd/QMul nodes written directly with parameters a quantizer rarely
/// produces (left shifts, zero shifts, huge biases, narrow clamps, extreme zero points).
/// </summary>
public static class KernelZoo
{
    private static string Network(QdqNet n)
    {
        var x = n.Input("x", 1, 3, 9, 10);
        var z = n.Input("z", 1, 16, 6, 7);
        var s = n.Input("s", 1, 2, 25);
        var outputs = new List<string>
        {
            n.Conv(x, "odd", 3, 5, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }),
            n.MaxPool(n.Conv(x, "strided", 3, 4, new[] { 2, 3 }, strides: new[] { 2, 1 }, pads: new[] { 0, 1, 1, 0 }, activation: "Relu"), "strided_pool", new[] { 2, 2 }, new[] { 2, 2 }),
            n.MaxPool(n.Conv(x, "dw", 3, 6, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }, group: 3, activation: "Relu"), "dw_pool", new[] { 3, 3 }, new[] { 2, 2 }),
        };
        var dilated = n.Conv(x, "dilated", 3, 3, new[] { 3, 3 }, pads: new[] { 2, 2, 2, 2 }, dilations: new[] { 2, 2 });
        var pointwise = n.Conv(x, "pointwise", 3, 7, new[] { 1, 1 }, strides: new[] { 2, 2 });
        outputs.Add(n.MaxPool(n.Conv(z, "long", 16, 3, new[] { 3, 3 }, pads: new[] { 1, 1, 1, 1 }, activation: "Relu"), "long_pool", new[] { 2, 2 }, new[] { 2, 2 }));
        outputs.Add(n.Conv(z, "halves", 16, 2, new[] { 1, 3 }, group: 2));
        outputs.Add(n.MaxPool(n.Conv(s, "conv1d", 2, 5, new[] { 5 }, strides: new[] { 2 }, pads: new[] { 2, 2 }, activation: "Relu"), "pool1d", new[] { 2 }, new[] { 2 }));
        outputs.Add(n.Add(dilated, x, "residual", relu: true));
        outputs.Add(n.Mul(dilated, x, "product"));
        var gap = n.GlobalAveragePool(pointwise, "gap");
        outputs.Add(n.Add(pointwise, gap, "broadcast"));
        outputs.Add(n.ActLike(n.B.OpNamed("pool_of_add", "MaxPool", new[] { outputs[^3] }, NodeAttribute.Of("kernel_shape", new long[] { 2, 3 })), outputs[^3], "pool_of_add_y"));
        outputs.Add(n.ActLike(n.B.OpNamed("transposed", "Transpose", new[] { pointwise }, NodeAttribute.Of("perm", new long[] { 0, 2, 3, 1 })), pointwise, "transposed_y"));
        var shape = n.B.Constant("flat_shape", Tensor.Vector(1L, -1L));
        outputs.Add(n.ActLike(n.B.OpNamed("reshaped", "Reshape", new[] { outputs[1], shape }), outputs[1], "reshaped_y"));
        for (int i = 1; i < outputs.Count; i++) n.B.Output(outputs[i]);
        return outputs[0];
    }

    /// <summary>The lowered network's int8 core plus the hand-parameterised nodes.</summary>
    public static ModelGraph Build()
    {
        var fp = QdqNet.BuildFloat("zoo", 5, Network);
        var g = QdqTestKit.Int8Core(QdqTestKit.Lower(QdqNet.Build("zoo", 5, Network, QdqTestKit.FloatInputs(fp, 12, 9))));
        AddUnusualNodes(g, new Random(17));
        ShapeInference.Run(g);
        return g;
    }

    private static void AddUnusualNodes(ModelGraph g, Random rng)
    {
        g.Inputs.Add(new ValueInfo("u", DataType.Int8, SymShape.Of(1, 5, 7, 6)));
        // Left shift (M > 1, small sums from a 1x1 kernel of weights in [-1, 1]), depthwise without
        // a right shift (M = 0.75), a huge bias (|acc| may pass 2^30: the helper's path), a narrow clamp.
        var variants = new (int Kernel, int Group, int Channels, int WeightLimit, double Multiplier, long Bias, int Zx, int Zy, int Min, int Max)[]
        {
            (1, 1, 3, 1, 1.02, 40, -128, 10, -128, 127),
            (3, 5, 5, 20, 0.75 / 256, 1000, 127, -3, -128, 127),
            (3, 1, 4, 127, 1.0 / (1 << 24), 1 << 30, 5, 0, -128, 127),
            (3, 1, 6, 127, 1.0 / 2000, 20000, -7, -20, -40, 33),
        };
        for (int v = 0; v < variants.Length; v++)
        {
            var (k, group, channels, limit, multiplier, bias, zx, zy, lo, hi) = variants[v];
            int perGroup = 5 / group;
            var (m, s) = FixedPoint.QuantizeMultiplier(multiplier);
            var name = $"direct{v}";
            g.Initializers[name + "_w"] = new Tensor(DataType.Int8, new[] { channels, perGroup, k, k },
                Enumerable.Range(0, channels * perGroup * k * k).Select(_ => (sbyte)rng.Next(-limit, limit + 1)).ToArray());
            g.Initializers[name + "_b"] = Tensor.FromInt32s(new[] { channels }, Enumerable.Range(0, channels).Select(_ => (int)rng.NextInt64(-bias, bias + 1)).ToArray());
            g.Initializers[name + "_m"] = Tensor.FromInt32s(new[] { channels }, Enumerable.Repeat(m, channels).ToArray());
            g.Initializers[name + "_s"] = Tensor.FromInt32s(new[] { channels }, Enumerable.Repeat(s, channels).ToArray());
            g.Nodes.Add(new Node(name, "QConv", new[] { "u", name + "_w", name + "_b", name + "_m", name + "_s" }, new[] { name + "_y" }, "edgetk")
                .With(NodeAttribute.Of("kernel_shape", new long[] { k, k })).With(NodeAttribute.Of("pads", k == 1 ? new long[4] : new long[] { 1, 0, 1, 2 }))
                .With(NodeAttribute.Of("group", (long)group)).With(NodeAttribute.Of("input_zero_point", (long)zx))
                .With(NodeAttribute.Of("output_zero_point", (long)zy)).With(NodeAttribute.Of("act_min", (long)lo)).With(NodeAttribute.Of("act_max", (long)hi)));
            g.Outputs.Add(new ValueInfo(name + "_y", DataType.Int8, SymShape.UnknownRank));
        }
        // QAdd (one operand scaled without a right shift) and QMul with zero points at the ends of the range.
        var add = new Node("direct_add", "QAdd", new[] { "u", "direct1_y" }, new[] { "direct_add_y" }, "edgetk");
        var (am, ash) = FixedPoint.QuantizeMultiplier(0.5);
        var (bm, bsh) = FixedPoint.QuantizeMultiplier(0.2);
        var (om, osh) = FixedPoint.QuantizeMultiplier(3.0 / (1 << 20) * 1000);
        add.With(NodeAttribute.Of("a_zero_point", -5L)).With(NodeAttribute.Of("b_zero_point", 9L)).With(NodeAttribute.Of("left_shift", 20L))
            .With(NodeAttribute.Of("a_multiplier", (long)am)).With(NodeAttribute.Of("a_shift", (long)ash))
            .With(NodeAttribute.Of("b_multiplier", (long)bm)).With(NodeAttribute.Of("b_shift", (long)bsh))
            .With(NodeAttribute.Of("output_multiplier", (long)om)).With(NodeAttribute.Of("output_shift", (long)osh))
            .With(NodeAttribute.Of("output_zero_point", -2L)).With(NodeAttribute.Of("act_min", -100L)).With(NodeAttribute.Of("act_max", 90L));
        var (mm, msh) = FixedPoint.QuantizeMultiplier(0.6);
        var mul = new Node("direct_mul", "QMul", new[] { "u", "direct1_y" }, new[] { "direct_mul_y" }, "edgetk")
            .With(NodeAttribute.Of("a_zero_point", 3L)).With(NodeAttribute.Of("b_zero_point", -128L))
            .With(NodeAttribute.Of("output_multiplier", (long)mm)).With(NodeAttribute.Of("output_shift", (long)msh))
            .With(NodeAttribute.Of("output_zero_point", 7L)).With(NodeAttribute.Of("act_min", -128L)).With(NodeAttribute.Of("act_max", 127L));
        g.Nodes.Add(add);
        g.Nodes.Add(mul);
        g.Outputs.Add(new ValueInfo("direct_add_y", DataType.Int8, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("direct_mul_y", DataType.Int8, SymShape.UnknownRank));
    }
}
