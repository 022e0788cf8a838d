using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class FusionTests
{
    /// <summary>Conv -> Relu -> MaxPool -> Flatten -> Gemm -> Clip(lo, hi) -> Tanh -> y.</summary>
    private static ModelGraph ConvNet(int fcIn = 8, params NodeAttribute[] poolExtras)
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(1, 1, 6, 6)));
        g.Initializers["w"] = Random(1, 2, 1, 3, 3);
        g.Initializers["b"] = Random(2, 2);
        g.Initializers["fc"] = Random(3, 3, fcIn);
        g.Initializers["lo"] = Tensor.Scalar(-0.3f);
        g.Initializers["hi"] = Tensor.Scalar(0.4f);
        g.Nodes.Add(Node("conv", "Conv", new[] { "x", "w", "b" }, new[] { "c" }));
        g.Nodes.Add(Node("relu", "Relu", new[] { "c" }, new[] { "r" }));
        g.Nodes.Add(Node("pool", "MaxPool", new[] { "r" }, new[] { "p" },
            new[] { NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("strides", new long[] { 2, 2 }) }.Concat(poolExtras).ToArray()));
        g.Nodes.Add(Node("flat", "Flatten", new[] { "p" }, new[] { "f" }));
        g.Nodes.Add(Node("gemm", "Gemm", new[] { "f", "fc" }, new[] { "h" }, NodeAttribute.Of("transB", 1L)));
        g.Nodes.Add(Node("clip", "Clip", new[] { "h", "lo", "hi" }, new[] { "hc" }));
        g.Nodes.Add(Node("tanh", "Tanh", new[] { "hc" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    private static ModelGraph Fused(ModelGraph original)
    {
        var g = original.Clone();
        ShapeInference.Run(g);
        new FusionPass().Run(g);
        new DeadNodeEliminationPass().Run(g);
        ShapeInference.Run(g);
        return g;
    }

    [Fact]
    public void ConvReluPoolAndGemmClipTanhFuseAndEvaluateTheSame()
    {
        var original = ConvNet();
        var g = Fused(original);
        Assert.Equal(new[] { "Conv", "Flatten", "Gemm" }, g.Nodes.Select(n => n.OpType));
        var conv = g.Nodes[0];
        Assert.Equal(new[] { "Relu", "MaxPool" }, conv.Fused.Select(f => f.OpType));
        Assert.Equal(new[] { "relu", "pool" }, conv.Fused.Select(f => f.Name));
        Assert.Equal("c", conv.Fused[0].Inputs[0]);
        Assert.Equal("p", conv.Outputs[0]);
        Assert.Equal(new[] { "Clip", "Tanh" }, g.Nodes[2].Fused.Select(f => f.OpType));
        Assert.Equal("y", g.Nodes[2].Outputs[0]);
        foreach (var gone in new[] { "c", "r", "h", "hc" }) Assert.DoesNotContain(gone, g.ValueInfos.Keys);
        // The fused Clip still reads its bounds, so they must survive dead-node elimination.
        Assert.True(g.IsInitializer("lo") && g.IsInitializer("hi"));
        var x = Random(9, 1, 1, 6, 6);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
    }

    [Fact]
    public void PaddedPoolStaysOutsideTheConv()
    {
        // 4x4 conv output padded to 6x6 pools to 3x3.
        var original = ConvNet(18, NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        var g = Fused(original);
        Assert.Equal(new[] { "Relu" }, g.Nodes[0].Fused.Select(f => f.OpType));
        Assert.Equal(1, Count(g, "MaxPool"));
        var x = Random(9, 1, 1, 6, 6);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
    }

    [Fact]
    public void ValueWithTwoReadersOrGraphOutputIsNotFused()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 4)));
        g.Initializers["w"] = Random(1, 4, 4);
        g.Nodes.Add(Node("mm", "MatMul", new[] { "x", "w" }, new[] { "h" }));
        g.Nodes.Add(Node("relu", "Relu", new[] { "h" }, new[] { "r" }));
        g.Nodes.Add(Node("sig", "Sigmoid", new[] { "h" }, new[] { "s" }));
        g.Nodes.Add(Node("mm2", "MatMul", new[] { "r", "w" }, new[] { "h2" }));
        g.Nodes.Add(Node("tanh", "Tanh", new[] { "h2" }, new[] { "t" }));
        g.Outputs.Add(new ValueInfo("s", DataType.Float32, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("h2", DataType.Float32, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("t", DataType.Float32, SymShape.UnknownRank));
        ShapeInference.Run(g);
        Assert.False(new FusionPass().Run(g));
        Assert.All(g.Nodes, n => Assert.Empty(n.Fused));
    }

    [Fact]
    public void PoolDirectlyAfterConvIsNotFused()
    {
        var g = ConvNet();
        g.Nodes.RemoveAll(n => n.Name == "relu");
        g.Nodes.Single(n => n.Name == "pool").Inputs[0] = "c";
        var f = Fused(g);
        Assert.Empty(f.Nodes[0].Fused);
        Assert.Equal(1, Count(f, "MaxPool"));
    }
}
