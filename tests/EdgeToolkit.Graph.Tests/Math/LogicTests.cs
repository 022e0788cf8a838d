namespace EdgeToolkit.Graph.Tests.MathOps;

public class LogicTests
{
    [Fact]
    public void Comparisons_broadcast_and_give_bool()
    {
        var a = T.F(T.S(2, 2), 1, 2, 3, 4);
        var b = T.F(2, 3);
        Assert.Equal(new[] { false, false, true, true }, new OpCase("Greater", 13).In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { true, true, false, false }, new OpCase("Less", 13).In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { false, false, true, true }, new OpCase("GreaterOrEqual", 16).In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { true, true, false, false }, new OpCase("LessOrEqual", 16).In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { false, false, true, true }, new OpCase("Equal", 13).In(a).In(T.F(3, 4)).Run1().Bools);
    }

    [Fact]
    public void Comparisons_with_nan_are_false()
    {
        var y = new OpCase("Equal", 13).In(T.F(float.NaN)).In(T.F(float.NaN)).Run1();
        Assert.False(y.Bools[0]);
        Assert.False(new OpCase("LessOrEqual", 16).In(T.F(float.NaN)).In(T.F(1)).Run1().Bools[0]);
    }

    [Fact]
    public void Equal_on_int64_and_bool()
    {
        Assert.Equal(new[] { true, false }, new OpCase("Equal", 13).In(T.L(-1, 5)).In(T.L(-1, 4)).Run1().Bools);
        Assert.Equal(new[] { true, false }, new OpCase("Equal", 13).In(T.B(true, false)).In(T.B(true, true)).Run1().Bools);
    }

    [Fact]
    public void Logical_truth_tables()
    {
        var a = T.B(false, false, true, true);
        var b = T.B(false, true, false, true);
        Assert.Equal(new[] { false, false, false, true }, new OpCase("And").In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { false, true, true, true }, new OpCase("Or").In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { false, true, true, false }, new OpCase("Xor").In(a).In(b).Run1().Bools);
        Assert.Equal(new[] { true, true, false, false }, new OpCase("Not").In(a).Run1().Bools);
    }

    [Fact]
    public void And_broadcasts()
    {
        var y = new OpCase("And").In(new Tensor(DataType.Bool, new[] { 2, 1 }, new[] { true, false })).In(T.B(true, false)).Run1();
        Assert.Equal(new[] { 2, 2 }, y.Shape);
        Assert.Equal(new[] { true, false, false, false }, y.Bools);
    }

    [Fact]
    public void Logical_ops_reject_non_bool()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("And").In(T.F(1)).In(T.F(1)).Infer());
        Assert.Equal("node_And", e.NodeName);
    }

    [Fact]
    public void Where_picks_with_three_way_broadcasting()
    {
        var cond = new Tensor(DataType.Bool, new[] { 2, 1 }, new[] { true, false });
        var y = new OpCase("Where", 16).In(cond).In(T.F(1, 2, 3)).In(Tensor.Scalar(-1f)).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { 1, 2, 3, -1, -1, -1 }, y.Floats);
        var i = new OpCase("Where", 16).In(T.B(false, true)).In(T.L(1, 2)).In(T.L(10, 20)).Run1();
        Assert.Equal(new long[] { 10, 2 }, i.Int64s);
    }

    [Fact]
    public void Where_needs_a_bool_condition()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpCase("Where", 16).In(T.F(1)).In(T.F(1)).In(T.F(1)).Infer());
    }
}
