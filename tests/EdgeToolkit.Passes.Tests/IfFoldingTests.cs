using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class IfFoldingTests
{
    private static ModelGraph Branch(string name, params string[] outputs)
    {
        var g = new ModelGraph { Name = name };
        foreach (var o in outputs) g.Outputs.Add(new ValueInfo(o, DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    /// <summary>
    /// t = Relu(x); y = If(cond, then: t' = x*w; bt = t'+x; If(inner) { bt * t' } else { -bt },
    /// else: x); z = y + t. The then branch's local "t" clashes with the parent's "t", and the
    /// nested If captures it.
    /// </summary>
    private static ModelGraph Nested(bool cond, bool inner)
    {
        var innerThen = Branch("inner_then", "it");
        innerThen.Nodes.Add(Node("imul", "Mul", new[] { "bt", "t" }, new[] { "it" }));
        var innerElse = Branch("inner_else", "ie");
        innerElse.Nodes.Add(Node("ineg", "Neg", new[] { "bt" }, new[] { "ie" }));

        var then = Branch("then", "inner_y");
        then.Initializers["w"] = Random(2, 2, 3);
        then.Initializers["inner_cond"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { inner });
        then.Nodes.Add(Node("tmul", "Mul", new[] { "x", "w" }, new[] { "t" }));
        then.Nodes.Add(Node("tadd", "Add", new[] { "t", "x" }, new[] { "bt" }));
        then.Nodes.Add(Node("inner_if", "If", new[] { "inner_cond" }, new[] { "inner_y" },
            NodeAttribute.Of("then_branch", innerThen), NodeAttribute.Of("else_branch", innerElse)));
        var @else = Branch("else", "x");

        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3)));
        g.Initializers["cond"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { cond });
        g.Nodes.Add(Node("pre", "Relu", new[] { "x" }, new[] { "t" }));
        g.Nodes.Add(Node("if", "If", new[] { "cond" }, new[] { "y" },
            NodeAttribute.Of("then_branch", then), NodeAttribute.Of("else_branch", @else)));
        g.Nodes.Add(Node("post", "Add", new[] { "y", "t" }, new[] { "z" }));
        g.Outputs.Add(new ValueInfo("z", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void NestedThenBranchesInlineWithRenamedLocals(bool cond, bool inner)
    {
        var original = Nested(cond, inner);
        var g = original.Clone();
        var pass = new IfFoldingPass();
        Assert.True(pass.Run(g));
        Assert.Equal(0, Count(g, "If"));
        Assert.Equal(2, pass.Changes.Count);
        Assert.Contains("inlined If 'if' (then branch", pass.Changes[0]);
        // Every value is produced once, and the parent's "t" kept its name.
        var produced = g.Nodes.SelectMany(n => n.Outputs).ToList();
        Assert.Equal(produced.Count, produced.Distinct().Count());
        Assert.Equal("pre", g.Nodes.Single(n => n.Outputs.Contains("t")).Name);
        Assert.True(g.IsInitializer("w"));
        var x = Random(5, 2, 3);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
        // The shared subgraph objects of the original were not edited.
        AssertSameOutputs(Run(Nested(cond, inner), ("x", x)), Run(original, ("x", x)));
    }

    [Fact]
    public void ElseBranchReturningAnOuterValueBecomesAnIdentity()
    {
        var original = Nested(false, true);
        var g = original.Clone();
        new IfFoldingPass().Run(g);
        Assert.Equal(new[] { "Relu", "Identity", "Add" }, g.Nodes.Select(n => n.OpType));
        var x = Random(6, 2, 3);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IfOnARuntimeConditionStaysButItsConstantInnerIfFolds(bool cond)
    {
        var original = Nested(true, true);
        original.Initializers.Remove("cond");
        original.Inputs.Add(new ValueInfo("cond", DataType.Bool, SymShape.Scalar));
        var g = original.Clone();
        Assert.True(new IfFoldingPass().Run(g));
        var outer = g.Nodes.Single(n => n.OpType == "If");
        Assert.DoesNotContain(outer.GetGraph("then_branch")!.Nodes, n => n.OpType == "If");
        var x = Random(8, 2, 3);
        var c = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { cond });
        AssertSameOutputs(Run(original, ("x", x), ("cond", c)), Run(g, ("x", x), ("cond", c)));
    }
}

public class IfInsideBranchTests
{
    /// <summary>y = If(runtime flag, then: If(outer constant k) { x*2 } else { x*3 }, else: -x).</summary>
    private static ModelGraph Build()
    {
        ModelGraph Scale(string tag, float f)
        {
            var b = new ModelGraph { Name = tag };
            b.Initializers[$"{tag}_f"] = Tensor.Scalar(f);
            b.Nodes.Add(TestSupport.Node($"{tag}_mul", "Mul", new[] { "x", $"{tag}_f" }, new[] { "v" }));
            b.Outputs.Add(new ValueInfo("v", DataType.Float32, SymShape.UnknownRank));
            return b;
        }
        var then = new ModelGraph { Name = "then" };
        then.Nodes.Add(TestSupport.Node("inner", "If", new[] { "k" }, new[] { "iv" },
            NodeAttribute.Of("then_branch", Scale("two", 2f)), NodeAttribute.Of("else_branch", Scale("three", 3f))));
        then.Outputs.Add(new ValueInfo("iv", DataType.Float32, SymShape.UnknownRank));
        var @else = new ModelGraph { Name = "else" };
        @else.Nodes.Add(TestSupport.Node("neg", "Neg", new[] { "x" }, new[] { "nv" }));
        @else.Outputs.Add(new ValueInfo("nv", DataType.Float32, SymShape.UnknownRank));

        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(3)));
        g.Inputs.Add(new ValueInfo("flag", DataType.Bool, SymShape.Scalar));
        g.Initializers["k"] = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { false });
        g.Nodes.Add(TestSupport.Node("outer", "If", new[] { "flag" }, new[] { "y" },
            NodeAttribute.Of("then_branch", then), NodeAttribute.Of("else_branch", @else)));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IfOnAnOuterConstantFoldsInsideTheRuntimeIf(bool flag)
    {
        var original = Build();
        var g = original.Clone();
        var pass = new IfFoldingPass();
        Assert.True(pass.Run(g));
        var outer = Assert.Single(g.Nodes);
        var then = outer.GetGraph("then_branch")!;
        Assert.Equal(new[] { "Mul" }, then.Nodes.Select(n => n.OpType));
        Assert.True(then.IsInitializer("three_f"));
        Assert.Contains("inside 'outer'.then_branch", pass.Changes.Single());
        // The original's shared branch was copied, not edited.
        Assert.Equal("If", original.Nodes[0].GetGraph("then_branch")!.Nodes[0].OpType);
        var x = TestSupport.Random(4, 3);
        var f = new Tensor(DataType.Bool, Array.Empty<int>(), new[] { flag });
        TestSupport.AssertSameOutputs(TestSupport.Run(original, ("x", x), ("flag", f)), TestSupport.Run(g, ("x", x), ("flag", f)));
    }
}
