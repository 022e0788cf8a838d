using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class SimplifyTests
{
    [Fact]
    public void IdentitiesAndDropoutVanishAndOutputNamesStay()
    {
        var original = new ModelGraph();
        original.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3)));
        original.Nodes.Add(Node("relu", "Relu", new[] { "x" }, new[] { "a" }));
        original.Nodes.Add(Node("id1", "Identity", new[] { "a" }, new[] { "b" }));
        original.Nodes.Add(Node("drop", "Dropout", new[] { "b" }, new[] { "c", "mask" }, NodeAttribute.Of("ratio", 0.3f)));
        original.Nodes.Add(Node("neg", "Neg", new[] { "c" }, new[] { "d" }));
        original.Nodes.Add(Node("id2", "Identity", new[] { "d" }, new[] { "y" }));
        original.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        var g = original.Clone();
        Assert.True(new SimplifyPass().Run(g));
        Assert.Equal(new[] { "Relu", "Neg" }, g.Nodes.Select(n => n.OpType));
        Assert.Equal("y", g.Nodes[1].Outputs[0]);
        Assert.Equal("y", g.Outputs.Single().Name);
        var x = Random(1, 2, 3);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
    }

    [Fact]
    public void IdentityFromInputToOutputAndDropoutWithUsedMaskStay()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2)));
        g.Nodes.Add(Node("id", "Identity", new[] { "x" }, new[] { "y" }));
        g.Nodes.Add(Node("drop", "Dropout", new[] { "x" }, new[] { "d", "mask" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("mask", DataType.Bool, SymShape.UnknownRank));
        Assert.False(new SimplifyPass().Run(g));
        Assert.Equal(2, g.Nodes.Count);
    }

    [Fact]
    public void DropoutWithConstantFalseTrainingModeGoesButRuntimeModeStays()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2)));
        g.Inputs.Add(new ValueInfo("mode", DataType.Bool, SymShape.Scalar));
        g.Initializers["ratio"] = Tensor.Scalar(0.5f);
        g.Initializers["off"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { false });
        g.Nodes.Add(Node("d1", "Dropout", new[] { "x", "ratio", "off" }, new[] { "a" }));
        g.Nodes.Add(Node("d2", "Dropout", new[] { "a", "ratio", "mode" }, new[] { "b" }));
        g.Nodes.Add(Node("neg", "Neg", new[] { "b" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        Assert.True(new SimplifyPass().Run(g));
        Assert.Equal(new[] { "d2", "neg" }, g.Nodes.Select(n => n.Name));
        Assert.Equal("x", g.Nodes[0].Inputs[0]);
    }

    [Theory]
    [InlineData(new[] { 3 }, true)]
    [InlineData(new[] { 1, 3 }, false)]
    public void MatMulPlusConstantBiasBecomesGemm(int[] biasShape, bool biasFirst)
    {
        var original = new ModelGraph();
        original.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(4, 5)));
        original.Initializers["w"] = Random(1, 5, 3);
        original.Initializers["bias"] = Random(2, biasShape);
        original.Nodes.Add(Node("mm", "MatMul", new[] { "x", "w" }, new[] { "h" }));
        original.Nodes.Add(Node("add", "Add", biasFirst ? new[] { "bias", "h" } : new[] { "h", "bias" }, new[] { "y" }));
        original.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        var g = original.Clone();
        ShapeInference.Run(g);
        Assert.True(new SimplifyPass().Run(g));
        var gemm = Assert.Single(g.Nodes);
        Assert.Equal("Gemm", gemm.OpType);
        Assert.Equal(new[] { "x", "w", "bias" }, gemm.Inputs);
        Assert.Equal("y", gemm.Outputs[0]);
        var x = Random(3, 4, 5);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)), 1e-6);
    }

    [Fact]
    public void MatMulOverRank3OrWithRuntimeBiasStays()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 4, 5)));
        g.Inputs.Add(new ValueInfo("x2", DataType.Float32, SymShape.Of(4, 5)));
        g.Inputs.Add(new ValueInfo("rb", DataType.Float32, SymShape.Of(3)));
        g.Initializers["w"] = Random(1, 5, 3);
        g.Initializers["bias"] = Random(2, 3);
        g.Nodes.Add(Node("mm", "MatMul", new[] { "x", "w" }, new[] { "h" }));
        g.Nodes.Add(Node("add", "Add", new[] { "h", "bias" }, new[] { "y" }));
        g.Nodes.Add(Node("mm2", "MatMul", new[] { "x2", "w" }, new[] { "h2" }));
        g.Nodes.Add(Node("add2", "Add", new[] { "h2", "rb" }, new[] { "y2" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("y2", DataType.Float32, SymShape.UnknownRank));
        ShapeInference.Run(g);
        Assert.False(new SimplifyPass().Run(g));
        Assert.Equal(0, Count(g, "Gemm"));
    }
}
