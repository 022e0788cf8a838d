using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>Several of the family's ops chained in one graph, as an exported CNN uses them.</summary>
public class PipelineTests
{
    private static ModelGraph SmallCnn()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(1), Dim.Of(8), Dim.Of(8) })));
        // Every 3x3 weight 1: each conv output is the sum of its (zero-padded) 3x3 neighbourhood.
        g.Initializers["w"] = Make.F(Make.S(4, 1, 3, 3), Enumerable.Repeat(1f, 36).ToArray());
        g.Initializers["scale"] = Make.F(Make.S(4), 1, 1, 1, 1);
        g.Initializers["bias"] = Make.F(Make.S(4), 0, 1, 2, 3);
        g.Initializers["mean"] = Make.F(Make.S(4), 0, 0, 0, 0);
        g.Initializers["var"] = Make.F(Make.S(4), 1, 1, 1, 1);
        g.Initializers["shape"] = Make.L(0, -1);
        g.Nodes.Add(new Node("conv", "Conv", new[] { "x", "w" }, new[] { "c" }).With(NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })));
        g.Nodes.Add(new Node("bn", "BatchNormalization", new[] { "c", "scale", "bias", "mean", "var" }, new[] { "b" }).With(NodeAttribute.Of("epsilon", 0f)));
        g.Nodes.Add(new Node("pool", "MaxPool", new[] { "b" }, new[] { "p" })
            .With(NodeAttribute.Of("kernel_shape", new long[] { 2, 2 })).With(NodeAttribute.Of("strides", new long[] { 2, 2 })));
        g.Nodes.Add(new Node("flat", "Reshape", new[] { "p", "shape" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Undefined, SymShape.UnknownRank));
        return g;
    }

    [Fact]
    public void Symbolic_batch_flows_through_conv_bn_pool_reshape()
    {
        var g = SmallCnn();
        ShapeInference.Run(g);
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(64) }), g.Outputs[0].Shape);
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4), Dim.Of(4), Dim.Of(4) }), g.ValueInfos["p"].Shape);
    }

    [Fact]
    public void All_ones_input_gives_neighbourhood_counts_plus_channel_bias()
    {
        var g = SmallCnn();
        ShapeInference.Run(g);
        var x = Make.F(Make.S(2, 1, 8, 8), Enumerable.Repeat(1f, 128).ToArray());
        var y = Evaluator.Run(g, new Dictionary<string, Tensor> { ["x"] = x })["y"];
        Assert.Equal(new[] { 2, 64 }, y.Shape);
        // Conv gives 9 inside and fewer on the border, but every 2x2 pool window holds a position
        // whose whole 3x3 neighbourhood is inside the 8x8 image, so every max is 9 (+ the BN bias).
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 4; c++)
                for (int i = 0; i < 16; i++)
                    Assert.Equal(9f + c, y.Floats[b * 64 + c * 16 + i]);
    }
}
