namespace EdgeToolkit.Graph.Tests.MathOps;

public class TopKTests
{
    [Fact]
    public void TopK_largest_along_last_axis_with_ties_by_lower_index()
    {
        var r = new OpCase("TopK", 11, outputs: 2).In(T.F(T.S(2, 4), 1, 3, 3, 2, 9, 8, 7, 6)).Const(T.L(2)).Run();
        Assert.Equal(new[] { 2, 2 }, r[0].Shape);
        Assert.Equal(new float[] { 3, 3, 9, 8 }, r[0].Floats);
        Assert.Equal(new long[] { 1, 2, 0, 1 }, r[1].Int64s);
    }

    [Fact]
    public void TopK_smallest_along_axis_0()
    {
        var r = new OpCase("TopK", 11, outputs: 2).Attr("axis", 0L).Attr("largest", 0L).In(T.F(T.S(3, 2), 5, 1, 2, 4, 3, 0)).Const(T.L(1)).Run();
        Assert.Equal(new[] { 1, 2 }, r[0].Shape);
        Assert.Equal(new float[] { 2, 0 }, r[0].Floats);
        Assert.Equal(new long[] { 1, 2 }, r[1].Int64s);
    }

    [Fact]
    public void TopK_k_attribute_before_opset_10_and_symbolic_shape()
    {
        var r = new OpCase("TopK", 9, outputs: 2).Attr("k", 1L).In(T.L(T.S(1, 3), 4, 7, 5)).Run();
        Assert.Equal(new long[] { 7 }, r[0].Int64s);
        Assert.Equal(new long[] { 1 }, r[1].Int64s);
        var infos = new OpCase("TopK", 11, outputs: 2).Sym(DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(10) })).Const(T.L(3)).Infer();
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(3) }), infos[0].Shape);
        Assert.Equal(DataType.Int64, infos[1].Type);
    }
}
