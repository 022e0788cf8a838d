using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>Forms the emitters refuse must fail before any C is written, naming the node and the reason.</summary>
public class UnsupportedFormsTests
{
    private static EdgeToolkitException Refusal(ModelGraph g)
    {
        ShapeInference.Run(g);
        return Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(g, new CodeGenOptions()));
    }

    private static ModelGraph ConvThenPool(params NodeAttribute[] poolAttributes)
    {
        var b = new GraphBuilder("bad");
        var x = b.Input("x", DataType.Float32, 1, 2, 8, 8);
        var w = b.Constant("w", KernelCheck.Random(new[] { 4, 2, 3, 3 }, 1));
        var y = b.OpNamed("conv", "Conv", new[] { x, w }, NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }));
        y = b.OpNamed("pool", "MaxPool", new[] { y }, poolAttributes);
        b.Output(y);
        return b.Graph;
    }

    [Fact]
    public void Fused_maxpool_with_pads_is_refused_with_the_conv_named()
    {
        var g = ConvThenPool(NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        ShapeInference.Run(g);
        KernelCheck.Fuse(g, "conv", "pool");
        g.ValueInfos.Clear();
        var e = Refusal(g);
        Assert.Equal("conv", e.NodeName);
        Assert.Contains("pads", e.Message);
    }

    [Fact]
    public void Fused_maxpool_in_ceil_mode_is_refused()
    {
        var g = ConvThenPool(NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("ceil_mode", 1L));
        ShapeInference.Run(g);
        KernelCheck.Fuse(g, "conv", "pool");
        g.ValueInfos.Clear();
        Assert.Contains("ceil_mode", Refusal(g).Message);
    }

    [Fact]
    public void Conv_in_three_dimensions_is_refused()
    {
        // Runtime weights are supported now (ConvRuntimeWeightsTests); 3-D convolution is not.
        var b = new GraphBuilder("conv3d");
        var x = b.Input("x", DataType.Float32, 1, 2, 4, 5, 5);
        var w = b.Constant("w", KernelCheck.Random(new[] { 3, 2, 3, 3, 3 }, 1));
        b.Output(b.OpNamed("conv", "Conv", new[] { x, w }));
        var e = Refusal(b.Graph);
        Assert.Equal("conv", e.NodeName);
        Assert.Contains("spatial", e.Message);
    }
}
