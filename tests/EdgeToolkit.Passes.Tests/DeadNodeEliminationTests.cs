using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class DeadNodeEliminationTests
{
    [Fact]
    public void UnusedChainsInitializersAndInfosGo()
    {
        var original = new ModelGraph();
        original.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(3)));
        original.Initializers["k"] = Tensor.Vector(1f, 2f, 3f);
        original.Initializers["unused"] = Tensor.Vector(9f);
        original.Initializers["dead_k"] = Tensor.Vector(5f, 5f, 5f);
        original.Nodes.Add(Node("dead1", "Mul", new[] { "x", "dead_k" }, new[] { "d1" }));
        original.Nodes.Add(Node("live", "Add", new[] { "x", "k" }, new[] { "y" }));
        original.Nodes.Add(Node("dead2", "Neg", new[] { "d1" }, new[] { "d2" }));
        original.ValueInfos["d2"] = new ValueInfo("d2", DataType.Float32, SymShape.Of(3));
        original.ValueInfos["stale"] = new ValueInfo("stale", DataType.Float32, SymShape.Of(3));
        original.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        var g = original.Clone();
        var pass = new DeadNodeEliminationPass();
        Assert.True(pass.Run(g));
        Assert.Equal(new[] { "live" }, g.Nodes.Select(n => n.Name));
        Assert.Equal(new[] { "k" }, g.Initializers.Keys);
        Assert.Empty(g.ValueInfos);
        Assert.Equal(new[] { "removed 2 unused nodes", "removed 2 unused initializers" }, pass.Changes);
        var x = Random(1, 3);
        AssertSameOutputs(Run(original, ("x", x)), Run(g, ("x", x)));
        Assert.False(pass.Run(g));
    }

    [Fact]
    public void InitializersCapturedBySubgraphsStay()
    {
        var branch = new ModelGraph();
        branch.Nodes.Add(Node("add", "Add", new[] { "x", "k" }, new[] { "s" }));
        branch.Outputs.Add(new ValueInfo("s", DataType.Float32, SymShape.UnknownRank));
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(3)));
        g.Inputs.Add(new ValueInfo("cond", DataType.Bool, SymShape.Scalar));
        g.Initializers["k"] = Tensor.Vector(1f, 2f, 3f);
        g.Nodes.Add(Node("if", "If", new[] { "cond" }, new[] { "y" },
            NodeAttribute.Of("then_branch", branch), NodeAttribute.Of("else_branch", branch)));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        Assert.False(new DeadNodeEliminationPass().Run(g));
        Assert.True(g.IsInitializer("k"));
    }
}
