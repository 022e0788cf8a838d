using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Tests;

public class GroupFinderTests
{
    private static GroupMember Member(ChannelGroup g, string value, int axis) => g.Members.Single(m => m.Dim == new DimRef(value, axis));

    [Fact]
    public void MlpHiddenLayersArePrunableAndTheOutputLayerIsNot()
    {
        var groups = GroupFinder.Find(TestModels.Zoo("control-msd"));
        Assert.Equal(new[] { "fc1", "fc2", "fc3" }, groups.Select(g => g.Name));
        Assert.Equal(new[] { 32, 32, 2 }, groups.Select(g => g.Units));
        Assert.True(groups[0].Prunable && groups[1].Prunable);
        Assert.Contains("'y'", groups[2].BlockedReason);
        // fc1's unit carries its 7 input weights and bias (producer) and its 32 fc2 weights (consumer).
        Assert.Equal(7 + 1 + 32, groups[0].ParametersPerUnit(TestModels.Zoo("control-msd")));
    }

    [Fact]
    public void BranchesJoinedByAddArePrunedTogether()
    {
        var groups = GroupFinder.Find(TestModels.Joined());
        Assert.Equal(2, groups.Count(g => g.Prunable));
        var fc1 = groups.Single(g => g.Name == "fc1");
        Assert.Equal(new[] { "b1:0", "w1:0", "wl:0", "wr:0" }, fc1.Weights.Select(m => $"{m.Dim.Value}:{m.Dim.Axis}").OrderBy(s => s));
        var joined = groups.Single(g => g.Name == "left + right");
        Assert.Equal(new[] { "bl:0", "wl:1", "wo:0", "wr:1" }, joined.Weights.Select(m => $"{m.Dim.Value}:{m.Dim.Axis}").OrderBy(s => s));
        Assert.Equal(MemberRole.Consumer, Member(joined, "wo", 0).Role);
    }

    [Fact]
    public void DepthwiseConvsPassChannelsAndFlattenGivesEachChannelABlockAtItsConcatOffset()
    {
        var groups = GroupFinder.Find(TestModels.ConvConcat());
        var a = groups.Single(g => g.Name.StartsWith("conv_a", StringComparison.Ordinal));
        var b = groups.Single(g => g.Name == "conv_b");
        Assert.True(a.Prunable && b.Prunable);
        Assert.Contains(a.Members, m => m.Dim == new DimRef("wd", 0));   // the depthwise filters go with their channel
        Assert.Equal(Enumerable.Range(36, 36), Member(a, "wf", 1).UnitIndices[1]);          // channel 1 of conv_a: 6x6 block 1
        Assert.Equal(Enumerable.Range((4 + 2) * 36, 36), Member(b, "wf", 1).UnitIndices[2]); // channel 2 of conv_b, after conv_a's 4
    }

    [Fact]
    public void AttentionHeadsAreUnitsCoupledAcrossLayersThroughTheCache()
    {
        var graph = TestModels.Zoo("reasoning-arith");
        var groups = GroupFinder.Find(graph, TestModels.DecoderStates);
        var heads = groups.Single(g => g.Kind.StartsWith("heads", StringComparison.Ordinal));
        Assert.Equal(4, heads.Units);
        Assert.Equal(16, heads.UnitSize);
        Assert.True(heads.Prunable);
        foreach (var layer in new[] { "layer0", "layer1", "layer2" })
            Assert.Contains($"{layer}.proj", heads.Layers);
        Assert.Equal(Enumerable.Range(32, 16), Member(heads, "past_keys", 2).UnitIndices[2]);
        var ff = groups.Where(g => g.Name.EndsWith(".fc1", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ff.Count);
        Assert.All(ff, g => Assert.Equal(256, g.Units));
        var residual = groups.Single(g => g.Layers.Contains("tok_embed"));
        Assert.Equal(64, residual.Units);
        Assert.Contains(residual.Members, m => m.Dim == new DimRef("ln_f.weight", 0));
    }

    [Fact]
    public void WithoutDeclaredStatesTheCacheKeepsTheHeads()
    {
        var heads = GroupFinder.Find(TestModels.Zoo("reasoning-arith")).Single(g => g.Kind.StartsWith("heads", StringComparison.Ordinal));
        Assert.False(heads.Prunable);
        Assert.Contains("past_", heads.BlockedReason);
    }
}
