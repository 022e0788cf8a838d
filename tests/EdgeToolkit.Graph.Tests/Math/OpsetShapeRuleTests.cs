namespace EdgeToolkit.Graph.Tests.MathOps;

public class OpsetShapeRuleTests
{
    [Fact]
    public void Max_before_opset_8_does_not_broadcast()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Max", 6).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(1, 2)).Infer());
        Assert.Equal(new float[] { 3, 2 }, new OpCase("Max", 6).In(T.F(1, 2)).In(T.F(3, 0)).Run1().Floats);
        Assert.Equal(new float[] { 2, 3, 3, 4 }, new OpCase("Max", 8).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(2, 3)).Run1().Floats);
    }

    [Fact]
    public void Add_before_opset_7_without_broadcast_needs_equal_shapes()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("Add", 6).In(T.F(T.S(2, 2), 1, 2, 3, 4)).In(T.F(1, 2)).Infer());
        Assert.Equal("node_Add", e.NodeName);
        Assert.Equal(new float[] { 4, 6 }, new OpCase("Add", 6).In(T.F(1, 2)).In(T.F(3, 4)).Run1().Floats);
    }
}
