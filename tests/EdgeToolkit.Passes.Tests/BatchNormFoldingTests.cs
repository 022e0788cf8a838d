using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class BatchNormFoldingTests
{
    private const double Tol = 1e-5;

    /// <summary>Adds BN(input) -> "y" with seeded parameters over `channels`, and makes y the output.</summary>
    private static void AddBatchNorm(ModelGraph g, string input, int channels)
    {
        g.Initializers["gamma"] = Random(11, channels);
        g.Initializers["beta"] = Random(12, channels);
        g.Initializers["mean"] = Random(13, channels);
        g.Initializers["var"] = Positive(14, channels);
        g.Nodes.Add(Node("bn", "BatchNormalization", new[] { input, "gamma", "beta", "mean", "var" }, new[] { "y" },
            NodeAttribute.Of("epsilon", 1e-3f)));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
    }

    private static ModelGraph ConvBn(bool withBias)
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(1, 2, 6, 6)));
        g.Initializers["w"] = Random(1, 3, 2, 3, 3);
        if (withBias) g.Initializers["b"] = Random(2, 3);
        g.Nodes.Add(Node("conv", "Conv", withBias ? new[] { "x", "w", "b" } : new[] { "x", "w" }, new[] { "c" },
            NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })));
        AddBatchNorm(g, "c", 3);
        return g;
    }

    private static void AssertFoldsTo(ModelGraph original, string producerOp, params (string, int[])[] inputs)
    {
        var g = original.Clone();
        ShapeInference.Run(g);
        var pass = new BatchNormFoldingPass();
        Assert.True(pass.Run(g));
        Assert.Equal(new[] { producerOp }, g.Nodes.Select(n => n.OpType));
        Assert.Equal("y", g.Nodes[0].Outputs[0]);
        Assert.Contains("BatchNormalization 'bn'", pass.Changes.Single());
        new DeadNodeEliminationPass().Run(g);
        Assert.DoesNotContain("gamma", g.Initializers.Keys);
        var feed = inputs.Select((s, k) => (s.Item1, Random(100 + k, s.Item2))).ToArray();
        AssertSameOutputs(Run(original, feed), Run(g, feed), Tol);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ConvFoldsPerOutputChannel(bool withBias) => AssertFoldsTo(ConvBn(withBias), "Conv", ("x", new[] { 1, 2, 6, 6 }));

    [Theory]
    [InlineData(true, true, 0.5f)]
    [InlineData(false, true, 1f)]
    [InlineData(true, false, 0f)]
    public void GemmFoldsPerOutputColumn(bool transB, bool withC, float beta)
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(4, 5)));
        g.Initializers["w"] = transB ? Random(1, 3, 5) : Random(1, 5, 3);
        g.Initializers["c"] = Random(2, 3);
        g.Nodes.Add(Node("gemm", "Gemm", withC ? new[] { "x", "w", "c" } : new[] { "x", "w" }, new[] { "h" },
            NodeAttribute.Of("transB", transB ? 1L : 0L), NodeAttribute.Of("alpha", 0.7f), NodeAttribute.Of("beta", beta)));
        AddBatchNorm(g, "h", 3);
        AssertFoldsTo(g, "Gemm", ("x", new[] { 4, 5 }));
    }

    [Fact]
    public void MatMulWithConstantWeightsBecomesGemm()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(4, 5)));
        g.Initializers["w"] = Random(1, 5, 3);
        g.Nodes.Add(Node("mm", "MatMul", new[] { "x", "w" }, new[] { "h" }));
        AddBatchNorm(g, "h", 3);
        AssertFoldsTo(g, "Gemm", ("x", new[] { 4, 5 }));
    }

    [Fact]
    public void MatMulOverRank3StaysBecauseBnChannelIsNotTheColumn()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3, 5)));
        g.Initializers["w"] = Random(1, 5, 3);
        g.Nodes.Add(Node("mm", "MatMul", new[] { "x", "w" }, new[] { "h" }));
        AddBatchNorm(g, "h", 3);
        ShapeInference.Run(g);
        Assert.False(new BatchNormFoldingPass().Run(g));
        Assert.Equal(1, Count(g, "BatchNormalization"));
    }

    [Fact]
    public void ConvOutputReadElsewhereKeepsTheBatchNorm()
    {
        var original = ConvBn(true);
        original.Outputs.Add(new ValueInfo("c", DataType.Float32, SymShape.UnknownRank));
        var g = original.Clone();
        ShapeInference.Run(g);
        Assert.False(new BatchNormFoldingPass().Run(g));
        Assert.Equal(new[] { "Conv", "BatchNormalization" }, g.Nodes.Select(n => n.OpType));
    }
}
