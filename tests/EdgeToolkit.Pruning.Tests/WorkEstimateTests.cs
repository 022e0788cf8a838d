using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Pruning.Budget;

namespace EdgeToolkit.Pruning.Tests;

public class WorkEstimateTests
{
    [Theory]
    [InlineData("control-msd")]
    [InlineData("health-events")]
    [InlineData("fashion-cnn")]
    [InlineData("reasoning-arith")]
    public void MacsAgreeWithTheCodeGenerator(string model)
    {
        var graph = TestModels.Zoo(model);
        Graph.Ops.ShapeInference.Run(graph);
        var compiled = graph.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(compiled);
        Assert.Equal(CCodeGenerator.Generate(compiled, new CodeGenOptions { Name = "m" }).Macs, WorkEstimate.Macs(graph));
    }

    [Fact]
    public void ACheaperGraphIsEstimatedCheaper()
    {
        var graph = TestModels.Zoo("reasoning-arith");
        var groups = Groups.GroupFinder.Find(graph, TestModels.DecoderStates);
        var heads = groups.Single(g => g.Kind.StartsWith("heads", StringComparison.Ordinal));
        var selection = new Apply.PruneSelection();
        selection.Remove(heads, new[] { 3 });
        var pruned = Apply.GroupPruner.Apply(graph, groups, selection);
        double full = WorkEstimate.Instructions(graph), fewer = WorkEstimate.Instructions(pruned);
        // A quarter of the heads carries a quarter of the q/k/v/proj products, of the cache traffic and of the attention.
        Assert.InRange(fewer / full, 0.6, 0.95);
    }
}
