using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class ConstantFoldingTests
{
    /// <summary>y = Reshape(x * (a + b), [Shape(x)[0], 2, 2]) with x [batch, 4].</summary>
    private static ModelGraph ShapePlumbing()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) })));
        g.Initializers["a"] = Tensor.Vector(1f, 2f, 3f, 4f);
        g.Initializers["b"] = Tensor.Vector(0.5f, 0.25f, -1f, 2f);
        g.Initializers["zero"] = Tensor.Scalar(0L);
        g.Initializers["axes0"] = Tensor.Vector(0L);
        g.Initializers["two"] = Tensor.Vector(2L);
        g.Nodes.Add(Node("add", "Add", new[] { "a", "b" }, new[] { "ab" }));
        g.Nodes.Add(Node("mul", "Mul", new[] { "x", "ab" }, new[] { "xab" }));
        g.Nodes.Add(Node("shape", "Shape", new[] { "x" }, new[] { "s" }));
        g.Nodes.Add(Node("gather", "Gather", new[] { "s", "zero" }, new[] { "batch" }));
        g.Nodes.Add(Node("unsqueeze", "Unsqueeze", new[] { "batch", "axes0" }, new[] { "batch1" }));
        g.Nodes.Add(Node("concat", "Concat", new[] { "batch1", "two", "two" }, new[] { "target" }, NodeAttribute.Of("axis", 0L)));
        g.Nodes.Add(Node("reshape", "Reshape", new[] { "xab", "target" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    [Fact]
    public void ConstantSubexpressionFoldsButShapeOfSymbolicInputStays()
    {
        var g = ShapePlumbing();
        var pass = new ConstantFoldingPass();
        Assert.True(pass.Run(g));
        Assert.Equal(0, Count(g, "Add"));
        Assert.Equal(1, Count(g, "Shape"));
        var ab = g.Initializers["ab"].Floats;
        Assert.Equal(new[] { 1.5f, 2.25f, 2f, 6f }, ab);
        Assert.Contains("folded 1 nodes", pass.Changes);
    }

    [Fact]
    public void ShapeChainFoldsCompletelyOncePinned()
    {
        var original = ShapePlumbing();
        var g = original.Clone();
        new PinShapesPass(new Dictionary<string, string> { ["x"] = "3x4" }).Run(g);
        new ConstantFoldingPass().Run(g);
        Assert.Equal(new[] { "Mul", "Reshape" }, g.Nodes.Select(n => n.OpType));
        Assert.Equal(new long[] { 3, 2, 2 }, g.Initializers["target"].Int64s);
        var x = Random(7, 3, 4);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
    }

    [Fact]
    public void ShapeSliceOfKnownDimsFoldsEvenWithSymbolicBatch()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4), Dim.Of(5) })));
        g.Nodes.Add(Node("shape", "Shape", new[] { "x" }, new[] { "s" }, NodeAttribute.Of("start", 1L)));
        g.Nodes.Add(Node("size", "Size", new[] { "x" }, new[] { "n" }));
        g.Nodes.Add(Node("cast", "Cast", new[] { "s" }, new[] { "sf" }, NodeAttribute.Of("to", (long)DataType.Float32)));
        g.Outputs.Add(new ValueInfo("sf", DataType.Float32, SymShape.UnknownRank));
        g.Outputs.Add(new ValueInfo("n", DataType.Int64, SymShape.UnknownRank));
        new ConstantFoldingPass().Run(g);
        Assert.Equal(new long[] { 4, 5 }, g.Initializers["s"].Int64s);
        // Size needs every dim; graph outputs stay computed by their node.
        Assert.Equal(new[] { "Size", "Cast" }, g.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void ResultsAboveTheSizeLimitStayComputed()
    {
        ModelGraph Build()
        {
            var g = new ModelGraph();
            g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(20, 20)));
            g.Initializers["shape"] = Tensor.Vector(20L, 20L);
            g.Nodes.Add(Node("fill", "ConstantOfShape", new[] { "shape" }, new[] { "ones" }, NodeAttribute.Of("value", Tensor.Vector(1f))));
            g.Nodes.Add(Node("add", "Add", new[] { "x", "ones" }, new[] { "y" }));
            g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
            return g;
        }
        var small = Build();
        Assert.False(new ConstantFoldingPass { MaxElements = 100 }.Run(small));
        Assert.Equal(2, small.Nodes.Count);

        var folded = Build();
        Assert.True(new ConstantFoldingPass().Run(folded));
        Assert.Single(folded.Nodes);
        var x = Random(3, 20, 20);
        AssertSameOutputs(Run(small, ("x", x)), Run(folded, ("x", x)));
    }

    [Fact]
    public void NondeterministicOpsAreNeverFolded()
    {
        var g = new ModelGraph();
        g.Nodes.Add(Node("noise", "RandomNormal", Array.Empty<string>(), new[] { "r" }, NodeAttribute.Of("shape", new long[] { 2 })));
        g.Nodes.Add(Node("neg", "Neg", new[] { "r" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.Of(2)));
        var sweepOnly = new ConstantFoldingPass();
        // Shape inference would reject the unregistered op; the fold decision itself is what matters.
        try { sweepOnly.Run(g); } catch (EdgeToolkitException) { }
        Assert.Equal(2, g.Nodes.Count);
        Assert.False(g.IsInitializer("r"));
    }
}
