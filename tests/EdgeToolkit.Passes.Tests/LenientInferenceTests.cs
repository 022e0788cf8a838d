using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;

namespace EdgeToolkit.Passes.Tests;

/// <summary>A node shape inference cannot handle must not stop folding of what comes before it.</summary>
public class LenientInferenceTests
{
    private static ModelGraph WithUnsupportedTail()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) })));
        g.Initializers["minus1"] = Tensor.Vector(-1L);
        g.Nodes.Add(TestSupport.Node("shape", "Shape", new[] { "x" }, new[] { "s" }));
        g.Nodes.Add(TestSupport.Node("concat", "Concat", new[] { "minus1", "s" }, new[] { "target" }, NodeAttribute.Of("axis", 0L)));
        g.Nodes.Add(TestSupport.Node("reshape", "Reshape", new[] { "x", "target" }, new[] { "x3" }));
        g.Nodes.Add(new Node("mystery", "Mystery", new[] { "x3" }, new[] { "y" }, "vendor.ops"));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    [Fact]
    public void FoldingProceedsUpToAnUnsupportedNode()
    {
        var g = WithUnsupportedTail();
        var skipped = LenientShapeInference.Run(g);
        Assert.Contains("Mystery 'mystery'", Assert.Single(skipped));
        Assert.Equal(SymShape.Of(3), g.ValueInfos["target"].Shape);

        new PinShapesPass(new Dictionary<string, string> { ["batch"] = "2" }).Run(g);
        new ConstantFoldingPass().Run(g);
        Assert.Equal(new long[] { -1, 2, 4 }, g.Initializers["target"].Int64s);
        Assert.Equal(new[] { "Reshape", "Mystery" }, g.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void StandardPipelineStillReportsTheUnsupportedNode()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => PassPipeline.Standard(new PipelineOptions()).Run(WithUnsupportedTail()));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("mystery", e.NodeName);
    }
}
