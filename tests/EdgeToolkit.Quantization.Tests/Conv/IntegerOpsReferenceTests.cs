using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// The reference evaluation of the integer ops (Ops/Quantized/README.md) on small cases worked out
/// by hand from the contract: sums, TFLite's rounding (halves up, -x.5 towards +infinity in the
/// doubling high multiply, away from zero in the final shift), zero points, clamps.
/// </summary>
public class IntegerOpsReferenceTests
{
    private static Tensor Int8(int[] shape, params int[] v) => new(DataType.Int8, shape, v.Select(x => (sbyte)x).ToArray());
    private static Tensor Int32(params int[] v) => Tensor.FromInt32s(new[] { v.Length }, v);

    private static sbyte[] RunOne(Node node, Dictionary<string, Tensor> inputs, Dictionary<string, Tensor>? constants = null)
    {
        var g = new ModelGraph { Name = "t" };
        foreach (var (name, t) in inputs) g.Inputs.Add(t.Info(name));
        foreach (var (name, t) in constants ?? new()) g.Initializers[name] = t;
        g.Nodes.Add(node);
        g.Outputs.Add(new ValueInfo("y", DataType.Int8, SymShape.UnknownRank));
        return Evaluator.Run(g, inputs)["y"].Int8s;
    }

    /// <summary>
    /// x = 1..9 (3x3), w = [[1, -1], [2, 0]], pads top/left 1 reading zx = 3, bias 5, M = 0.5:
    /// acc(oy, ox) = 5 + X(oy-1, ox-1) - X(oy-1, ox) + 2 X(oy, ox-1), e.g. (0, 0): 5 + 3 - 3 + 6 = 11,
    /// R(11 * 0.5) = 6 (5.5 rounds up), + zy (-1) = 5. Sums 11 7 9 / 13 12 14 / 10 18 20 give
    /// 6 4 5 / 7 6 7 / 5 9 10, then -1, and act_max 8 clips the last.
    /// </summary>
    private static Node PaddedConv() =>
        new Node("conv", "QConv", new[] { "x", "w", "b", "m", "s" }, new[] { "y" }, "edgetk")
            .With(NodeAttribute.Of("kernel_shape", new long[] { 2, 2 })).With(NodeAttribute.Of("pads", new long[] { 1, 1, 0, 0 }))
            .With(NodeAttribute.Of("input_zero_point", 3L)).With(NodeAttribute.Of("output_zero_point", -1L))
            .With(NodeAttribute.Of("act_min", -128L)).With(NodeAttribute.Of("act_max", 8L));

    private static Dictionary<string, Tensor> PaddedConvConstants() => new()
    {
        ["w"] = Int8(new[] { 1, 1, 2, 2 }, 1, -1, 2, 0), ["b"] = Int32(5),
        ["m"] = Int32(FixedPoint.QuantizeMultiplier(0.5).Multiplier), ["s"] = Int32(FixedPoint.QuantizeMultiplier(0.5).Shift),
    };

    private static Dictionary<string, Tensor> OneToNine() => new() { ["x"] = Int8(new[] { 1, 1, 3, 3 }, 1, 2, 3, 4, 5, 6, 7, 8, 9) };

    [Fact]
    public void QConv_padding_reads_the_input_zero_point()
    {
        Assert.Equal(new sbyte[] { 5, 3, 4, 6, 5, 6, 4, 8, 8 }, RunOne(PaddedConv(), OneToNine(), PaddedConvConstants()));
    }

    [Fact]
    public void QConv_fused_max_pool_pools_the_requantised_outputs()
    {
        var node = PaddedConv();
        node.Fused.Add(new Node("pool", "MaxPool", new[] { "y" }, new[] { "y" })
            .With(NodeAttribute.Of("kernel_shape", new long[] { 2, 2 })));
        // Windows of 5 3 4 / 6 5 6 / 4 8 8 with stride 1.
        Assert.Equal(new sbyte[] { 6, 6, 8, 8 }, RunOne(node, OneToNine(), PaddedConvConstants()));
    }

    /// <summary>
    /// TFLite Add with sa = 0.5, sb = 0.25, sy = 0.1: twice the larger scale is 1, so a' = (a - za) 2^20 / 2,
    /// b' = (b - zb) 2^20 / 4, and y = (a' + b') / (2^20 * 0.1) + zy: a - za = 8, -22; b - zb = 4, 8 give
    /// 4 + 1 = 5 -> 50 and -11 + 2 = -9 -> -90, plus zy 5.
    /// </summary>
    [Fact]
    public void QAdd_follows_tflite()
    {
        var node = new Node("add", "QAdd", new[] { "a", "b" }, new[] { "y" }, "edgetk");
        node.With(NodeAttribute.Of("a_zero_point", 2L)).With(NodeAttribute.Of("b_zero_point", -1L)).With(NodeAttribute.Of("left_shift", 20L))
            .With(NodeAttribute.Of("output_zero_point", 5L)).With(NodeAttribute.Of("act_min", -128L)).With(NodeAttribute.Of("act_max", 127L));
        foreach (var (prefix, real) in new[] { ("a", 0.5), ("b", 0.25), ("output", 1.0 / ((1 << 20) * 0.1)) })
        {
            var (m, s) = FixedPoint.QuantizeMultiplier(real);
            node.With(NodeAttribute.Of(prefix + "_multiplier", (long)m)).With(NodeAttribute.Of(prefix + "_shift", (long)s));
        }
        Assert.Equal(new sbyte[] { 55, -85 }, RunOne(node, new() { ["a"] = Int8(new[] { 2 }, 10, -20), ["b"] = Int8(new[] { 2 }, 3, 7) }));
        // b broadcasts along the last axis of a.
        Assert.Equal(new sbyte[] { 55, -85, 55, -85 }, RunOne(node, new() { ["a"] = Int8(new[] { 2, 2 }, 10, -20, 10, -20), ["b"] = Int8(new[] { 2 }, 3, 7) }));
    }

    /// <summary>(12 - 2)(4 + 1) = 50 and (-5 - 2)(9 + 1) = -70 times 0.4 give 20 and -28, plus zy 3: 23 and -25, act_min -20 clips the latter.</summary>
    [Fact]
    public void QMul_follows_tflite()
    {
        var (m, s) = FixedPoint.QuantizeMultiplier(0.5 * 0.2 / 0.25);
        var node = new Node("mul", "QMul", new[] { "a", "b" }, new[] { "y" }, "edgetk")
            .With(NodeAttribute.Of("a_zero_point", 2L)).With(NodeAttribute.Of("b_zero_point", -1L))
            .With(NodeAttribute.Of("output_multiplier", (long)m)).With(NodeAttribute.Of("output_shift", (long)s))
            .With(NodeAttribute.Of("output_zero_point", 3L)).With(NodeAttribute.Of("act_min", -20L)).With(NodeAttribute.Of("act_max", 127L));
        Assert.Equal(new sbyte[] { 23, -20 }, RunOne(node, new() { ["a"] = Int8(new[] { 2 }, 12, -5), ["b"] = Int8(new[] { 2 }, 4, 9) }));
    }

    /// <summary>
    /// Planes 1 2 3 4 and -8 -8 -8 -9 less zx (-2) sum to 18 and -25; M = 1/4 gives 4.5 -> 5 and
    /// -6.25 -> -6 (the high multiply rounds -12.5 to -12, the shift -6 stays), plus zy 1.
    /// </summary>
    [Fact]
    public void QGlobalAveragePool_averages_with_tflite_rounding()
    {
        var (m, s) = FixedPoint.QuantizeMultiplier(0.25);
        var node = new Node("gap", "QGlobalAveragePool", new[] { "x" }, new[] { "y" }, "edgetk")
            .With(NodeAttribute.Of("input_zero_point", -2L)).With(NodeAttribute.Of("output_zero_point", 1L))
            .With(NodeAttribute.Of("output_multiplier", (long)m)).With(NodeAttribute.Of("output_shift", (long)s));
        Assert.Equal(new sbyte[] { 6, -5 }, RunOne(node, new() { ["x"] = Int8(new[] { 1, 2, 2, 2 }, 1, 2, 3, 4, -8, -8, -8, -9) }));
    }
}
