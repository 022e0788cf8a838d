using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class PipelineTests
{
    /// <summary>
    /// The Silero-VAD pattern: input [batch, samples], an int64 scalar `sr`, shape plumbing
    /// Shape -> Gather -> Unsqueeze -> Concat -> Reshape to [batch, 1, samples], an If on
    /// Equal(sr, 16000) whose branches hold their own weights and Conv/Relu, then a pointwise Conv,
    /// Identity and Sigmoid.
    /// </summary>
    public static ModelGraph SileroLike()
    {
        ModelGraph Branch(string tag, int k, int seed)
        {
            var b = new ModelGraph { Name = tag };
            b.Initializers[$"{tag}_w"] = Random(seed, 4, 1, k);
            b.Initializers[$"{tag}_b"] = Random(seed + 1, 4);
            b.Nodes.Add(Node($"{tag}_conv", "Conv", new[] { "x3", $"{tag}_w", $"{tag}_b" }, new[] { "c" },
                NodeAttribute.Of("pads", new long[] { k / 2, k / 2 })));
            b.Nodes.Add(Node($"{tag}_relu", "Relu", new[] { "c" }, new[] { $"{tag}_out" }));
            b.Outputs.Add(new ValueInfo($"{tag}_out", DataType.Float32, SymShape.UnknownRank));
            return b;
        }

        var g = new ModelGraph { Name = "silero_like" };
        g.Inputs.Add(new ValueInfo("input", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Sym("samples") })));
        g.Inputs.Add(new ValueInfo("sr", DataType.Int64, SymShape.Scalar));
        g.Initializers["sr16k"] = Tensor.Scalar(16000L);
        g.Initializers["zero"] = Tensor.Scalar(0L);
        g.Initializers["axes0"] = Tensor.Vector(0L);
        g.Initializers["one"] = Tensor.Vector(1L);
        g.Initializers["minus1"] = Tensor.Vector(-1L);
        g.Initializers["head_w"] = Random(30, 1, 4, 1);
        g.Nodes.Add(Node("is16k", "Equal", new[] { "sr", "sr16k" }, new[] { "cond" }));
        g.Nodes.Add(Node("shape", "Shape", new[] { "input" }, new[] { "s" }));
        g.Nodes.Add(Node("gather", "Gather", new[] { "s", "zero" }, new[] { "n" }));
        g.Nodes.Add(Node("unsqueeze", "Unsqueeze", new[] { "n", "axes0" }, new[] { "n1" }));
        g.Nodes.Add(Node("concat", "Concat", new[] { "n1", "one", "minus1" }, new[] { "target" }, NodeAttribute.Of("axis", 0L)));
        g.Nodes.Add(Node("reshape", "Reshape", new[] { "input", "target" }, new[] { "x3" }));
        g.Nodes.Add(Node("If_3", "If", new[] { "cond" }, new[] { "feat" },
            NodeAttribute.Of("then_branch", Branch("then", 3, 10)), NodeAttribute.Of("else_branch", Branch("else", 5, 20))));
        g.Nodes.Add(Node("id", "Identity", new[] { "feat" }, new[] { "feat_id" }));
        g.Nodes.Add(Node("head", "Conv", new[] { "feat_id", "head_w" }, new[] { "logits" }));
        g.Nodes.Add(Node("sigmoid", "Sigmoid", new[] { "logits" }, new[] { "prob" }));
        g.Outputs.Add(new ValueInfo("prob", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    private static PipelineOptions Options(bool fuse) => new()
    {
        Constants = new Dictionary<string, string> { ["sr"] = "16000" },
        Shapes = new Dictionary<string, string> { ["input"] = "1x512" },
        Fuse = fuse,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SileroPatternFoldsToAStaticGraphWithTheSameOutputs(bool fuse)
    {
        var original = SileroLike();
        var g = original.Clone();
        var pipeline = PassPipeline.Standard(Options(fuse));
        Assert.True(pipeline.Run(g));

        Assert.DoesNotContain(g.Nodes, n => n.OpType is "If" or "Shape" or "Gather" or "Concat" or "Equal" or "Identity");
        Assert.DoesNotContain(g.Inputs, i => i.Name == "sr");
        Assert.All(g.ValueInfos.Values, v => Assert.True(v.Shape.IsConcrete, $"{v} is not concrete"));
        Assert.All(g.Outputs, v => Assert.Equal(SymShape.Of(1, 1, 512), v.Shape));
        Assert.Contains(pipeline.Log, l => l.Contains("inlined If 'If_3' (then branch"));
        Assert.DoesNotContain("else_w", g.Initializers.Keys);
        if (fuse)
        {
            Assert.Equal(new[] { "Reshape", "Conv", "Conv" }, g.Nodes.Select(n => n.OpType));
            Assert.Equal(new[] { "Relu" }, g.Nodes[1].Fused.Select(f => f.OpType));
            Assert.Equal(new[] { "Sigmoid" }, g.Nodes[2].Fused.Select(f => f.OpType));
        }
        else Assert.All(g.Nodes, n => Assert.Empty(n.Fused));

        var input = Random(42, 1, 512);
        var expected = Run(original, ("input", input), ("sr", Tensor.Scalar(16000L)));
        AssertSameOutputs(expected, Run(g, ("input", input)));
    }

    [Fact]
    public void OtherSampleRateTakesTheElseBranch()
    {
        var original = SileroLike();
        var g = original.Clone();
        var options = Options(true) with { Constants = new Dictionary<string, string> { ["sr"] = "8000" } };
        var pipeline = PassPipeline.Standard(options);
        pipeline.Run(g);
        Assert.Contains(pipeline.Log, l => l.Contains("(else branch"));
        var input = Random(43, 1, 512);
        AssertSameOutputs(Run(original, ("input", input), ("sr", Tensor.Scalar(8000L))), Run(g, ("input", input)));
    }

    [Fact]
    public void ParseAssignmentsSplitsAtTheFirstEquals()
    {
        var d = PipelineOptions.ParseAssignments(new[] { "sr=16000", "input = 1x512" }, "--const");
        Assert.Equal("16000", d["sr"]);
        Assert.Equal("1x512", d["input"]);
        Assert.Throws<EdgeToolkitException>(() => PipelineOptions.ParseAssignments(new[] { "sr" }, "--const"));
    }
}

public class ExampleModelPipelineTests
{
    [Fact]
    public void BuiltInCnnFusesReluAndPoolIntoBothConvs()
    {
        var original = EdgeToolkit.Graph.Builders.ExampleModels.Get("cnn");
        var g = original.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(g);
        Assert.Equal(new[] { "Conv", "Conv", "Flatten", "Gemm" }, g.Nodes.Select(n => n.OpType));
        Assert.All(g.Nodes.Take(2), n => Assert.Equal(new[] { "Relu", "MaxPool" }, n.Fused.Select(f => f.OpType)));
        var image = TestSupport.Random(5, 1, 1, 28, 28);
        TestSupport.AssertSameOutputs(TestSupport.Run(original, ("image", image)), TestSupport.Run(g, ("image", image)));
    }

    [Fact]
    public void UnchangedGraphReportsNoChange()
    {
        var g = EdgeToolkit.Graph.Builders.ExampleModels.Get("mlp-relu");
        var pipeline = PassPipeline.Standard(new PipelineOptions { Fuse = false });
        Assert.False(pipeline.Run(g));
        Assert.Empty(pipeline.Log);
    }
}
