using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>The reference evaluator of QGemm and QLookup on cases worked out by hand from Ops/Quantized/README.md.</summary>
public class QGemmOperatorTests
{
    /// <summary>X [.., 3] int8 -> QGemm with W [[1, 2, 3], [-4, 5, -6]], B [10, -5], M/S for 0.5 and 0.25, zy = -2.</summary>
    private static ModelGraph Gemm(long[] xShape, int actMin = -128, int actMax = 127)
    {
        var g = new ModelGraph { Name = "qgemm" };
        g.Inputs.Add(new ValueInfo("x", DataType.Int8, SymShape.Of(xShape)));
        g.Initializers["w"] = new Tensor(DataType.Int8, new[] { 2, 3 }, new sbyte[] { 1, 2, 3, -4, 5, -6 });
        g.Initializers["b"] = Tensor.FromInt32s(new[] { 2 }, new[] { 10, -5 });
        g.Initializers["m"] = Tensor.FromInt32s(new[] { 2 }, new[] { 1 << 30, 1 << 30 });   // 0.5 * 2^31 with shifts 0 and -1
        g.Initializers["s"] = Tensor.FromInt32s(new[] { 2 }, new[] { 0, -1 });
        var n = new Node("fc", "QGemm", new[] { "x", "w", "b", "m", "s" }, new[] { "y" }, "edgetk")
            .With(NodeAttribute.Of("output_zero_point", -2L)).With(NodeAttribute.Of("act_min", (long)actMin)).With(NodeAttribute.Of("act_max", (long)actMax));
        g.Nodes.Add(n);
        g.Outputs.Add(new ValueInfo("y", DataType.Int8, SymShape.UnknownRank));
        ShapeInference.Run(g);
        return g;
    }

    private static sbyte[] Run(ModelGraph g, int[] shape, params sbyte[] x) =>
        Evaluator.Run(g, new Dictionary<string, Tensor> { ["x"] = new Tensor(DataType.Int8, shape, x) })["y"].Int8s;

    [Fact]
    public void SumsFromTheBiasThenRequantisesPerChannel()
    {
        // acc0 = 10 + 1 + 4 - 9 = 6 -> 6 * 0.5 = 3 -> 1; acc1 = -5 - 4 + 10 + 18 = 19 -> 19 * 0.25 = 4.75 -> 5 -> 3.
        Assert.Equal(new sbyte[] { 1, 3 }, Run(Gemm(new long[] { 1, 3 }), new[] { 1, 3 }, 1, 2, -3));
    }

    [Fact]
    public void RoundsAsTfLiteDoes()
    {
        // x = (1, 0, 0): acc0 = 11 -> 5.5 rounds up to 6 -> 4; acc1 = -9 -> -2.25 -> -2 -> -4.
        // x = (-1, -1, 0): acc0 = 7 -> 3.5 -> 4 -> 2; acc1 = -6 -> -1.5: ties round up (single rounding), to -1 -> -3.
        Assert.Equal(new sbyte[] { 4, -4, 2, -3 }, Run(Gemm(new long[] { 2, 3 }), new[] { 2, 3 }, 1, 0, 0, -1, -1, 0));
        // x = (-1, 0, -2): acc0 = 10 - 1 - 6 = 3 -> 1.5 -> 2 -> 0; acc1 = -5 + 4 + 12 = 11 -> 2.75 -> 3 -> 1.
        Assert.Equal(new sbyte[] { 0, 1 }, Run(Gemm(new long[] { 1, 3 }), new[] { 1, 3 }, -1, 0, -2));
    }

    [Fact]
    public void ClampsToTheFoldedActivationRange()
    {
        // As the first case, with an activation range [2, 2]: both outputs clamp to 2.
        Assert.Equal(new sbyte[] { 2, 2 }, Run(Gemm(new long[] { 1, 3 }, actMin: 2, actMax: 2), new[] { 1, 3 }, 1, 2, -3));
        // Saturation: x = (127, 127, 127): acc0 = 10 + 762 = 772 -> 386 -> 127; acc1 = -5 - 635 = -640 -> -160 -> -128.
        Assert.Equal(new sbyte[] { 127, -128 }, Run(Gemm(new long[] { 1, 3 }), new[] { 1, 3 }, 127, 127, 127));
    }

    [Fact]
    public void LeadingDimsAreRows()
    {
        var g = Gemm(new long[] { 2, 1, 3 });
        Assert.Equal(SymShape.Of(2, 1, 2), g.GetInfo("y").Shape);
        Assert.Equal(DataType.Int8, g.GetInfo("y").Type);
        Assert.Equal(new sbyte[] { 1, 3, 0, 1 }, Run(g, new[] { 2, 1, 3 }, 1, 2, -3, -1, 0, -2));
    }

    [Fact]
    public void RefusesAShapeMismatch()
    {
        var g = Gemm(new long[] { 1, 3 });
        g.Inputs[0] = new ValueInfo("x", DataType.Int8, SymShape.Of(1, 4));
        g.ValueInfos.Clear();
        Assert.Throws<EdgeToolkitException>(() => ShapeInference.Run(g));
    }

    [Fact]
    public void LookupReadsTheTableAtXPlus128()
    {
        var g = new ModelGraph { Name = "qlookup" };
        g.Inputs.Add(new ValueInfo("x", DataType.Int8, SymShape.Of(4)));
        g.Initializers["t"] = new Tensor(DataType.Int8, new[] { 256 }, Enumerable.Range(0, 256).Select(i => (sbyte)(127 - i)).ToArray());
        g.Nodes.Add(new Node("lut", "QLookup", new[] { "x", "t" }, new[] { "y" }, "edgetk"));
        g.Outputs.Add(new ValueInfo("y", DataType.Int8, SymShape.UnknownRank));
        ShapeInference.Run(g);
        // T[i] = 127 - i: x = -128 reads T[0], x = 127 reads T[255].
        Assert.Equal(new sbyte[] { 127, -128, -1, 0 }, Run(g, new[] { 4 }, -128, 127, 0, -1));
    }
}
