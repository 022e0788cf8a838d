namespace EdgeToolkit.Graph.Tests.MathOps;

public class ReduceTests
{
    // [[1, 2, 3], [4, 5, 6]]
    private static Tensor X => T.F(T.S(2, 3), 1, 2, 3, 4, 5, 6);

    [Fact]
    public void ReduceSum_axes_attribute_before_13_and_input_from_13()
    {
        var a = new OpCase("ReduceSum", 11).Ints("axes", 1).In(X).Run1();
        Assert.Equal(new[] { 2, 1 }, a.Shape);
        Assert.Equal(new float[] { 6, 15 }, a.Floats);
        var b = new OpCase("ReduceSum", 13).In(X).Const(T.L(0)).Run1();
        Assert.Equal(new[] { 1, 3 }, b.Shape);
        Assert.Equal(new float[] { 5, 7, 9 }, b.Floats);
    }

    [Fact]
    public void ReduceSum_without_axes_reduces_all_unless_noop()
    {
        var all = new OpCase("ReduceSum", 13).Attr("keepdims", 0L).In(X).Run1();
        Assert.Empty(all.Shape);
        Assert.Equal(21f, all.Floats[0]);
        var noop = new OpCase("ReduceSum", 13).Attr("noop_with_empty_axes", 1L).In(X).Run1();
        Assert.Equal(new[] { 2, 3 }, noop.Shape);
        Assert.Equal(X.Floats, noop.Floats);
        var empty = new OpCase("ReduceSum", 13).In(X).Const(T.L(Array.Empty<long>())).Run1();
        Assert.Equal(new[] { 1, 1 }, empty.Shape);
        Assert.Equal(21f, empty.Floats[0]);
    }

    [Fact]
    public void ReduceMean_attribute_at_17_input_at_18_negative_axis()
    {
        var a = new OpCase("ReduceMean", 17).Ints("axes", -1).Attr("keepdims", 0L).In(X).Run1();
        Assert.Equal(new[] { 2 }, a.Shape);
        Assert.Equal(new float[] { 2, 5 }, a.Floats);
        var b = new OpCase("ReduceMean", 18).Attr("keepdims", 0L).In(X).Const(T.L(-1)).Run1();
        Assert.Equal(new float[] { 2, 5 }, b.Floats);
    }

    [Fact]
    public void Max_min_prod_l1_l2_sumsquare_logsumexp()
    {
        var x = T.F(T.S(2, 2), 3, -4, 1, 2);
        Assert.Equal(new float[] { 3, 2 }, new OpCase("ReduceMax", 13).Ints("axes", 1).In(x).Run1().Floats);
        Assert.Equal(new float[] { 1, -4 }, new OpCase("ReduceMin", 13).Ints("axes", 0).In(x).Run1().Floats);
        Assert.Equal(new float[] { -24 }, new OpCase("ReduceProd", 13).Attr("keepdims", 0L).In(x).Run1().Floats);
        Assert.Equal(new float[] { 7, 3 }, new OpCase("ReduceL1", 13).Ints("axes", 1).In(x).Run1().Floats);
        T.Close(new OpCase("ReduceL2", 13).Ints("axes", 1).In(x).Run1(), 5, Math.Sqrt(5));
        Assert.Equal(new float[] { 25, 5 }, new OpCase("ReduceSumSquare", 13).Ints("axes", 1).In(x).Run1().Floats);
        T.Close(new OpCase("ReduceLogSumExp", 13).Ints("axes", 1).In(T.F(T.S(1, 2), 0, (float)Math.Log(3))).Run1(), Math.Log(4));
        T.Close(new OpCase("ReduceLogSum", 13).Ints("axes", 1).In(T.F(T.S(1, 2), 1, 2)).Run1(), Math.Log(3));
    }

    [Fact]
    public void ReduceMax_from_opset_18_takes_axes_input()
    {
        Assert.Equal(new float[] { 4, 5, 6 }, new OpCase("ReduceMax", 18).In(X).Const(T.L(0)).Run1().Floats);
    }

    [Fact]
    public void Integer_reductions()
    {
        var x = T.L(T.S(2, 2), 3, 4, 5, 7);
        Assert.Equal(new long[] { 7, 12 }, new OpCase("ReduceSum", 13).Attr("keepdims", 0L).In(x).Const(T.L(1)).Run1().Int64s);
        // Integer mean truncates: (3+4)/2 = 3, (5+7)/2 = 6.
        Assert.Equal(new long[] { 3, 6 }, new OpCase("ReduceMean", 13).Ints("axes", 1).Attr("keepdims", 0L).In(x).Run1().Int64s);
        Assert.Equal(new long[] { 20 * 21 / 20 - 1 }, new OpCase("ReduceProd", 13).Attr("keepdims", 0L).In(T.L(4, 5)).Run1().Int64s);
    }

    [Fact]
    public void ReduceMax_and_min_of_bool_are_any_and_all()
    {
        var x = new Tensor(DataType.Bool, new[] { 2, 2 }, new[] { true, false, false, false });
        Assert.Equal(new[] { true, false }, new OpCase("ReduceMax", 20).Attr("keepdims", 0L).In(x).Const(T.L(1)).Run1().Bools);
        Assert.Equal(new[] { false, false }, new OpCase("ReduceMin", 20).Attr("keepdims", 0L).In(x).Const(T.L(1)).Run1().Bools);
    }

    [Fact]
    public void Symbolic_shapes_and_dynamic_axes()
    {
        var x = new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4), Dim.Of(5) });
        var a = new OpCase("ReduceMean", 17).Ints("axes", 2).Attr("keepdims", 0L).Sym(DataType.Float32, x).Infer()[0];
        Assert.Equal(new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) }), a.Shape);
        // Axes only known at run time: the rank survives with keepdims, nothing else does.
        var b = new OpCase("ReduceSum", 13).Sym(DataType.Float32, x).Sym(DataType.Int64, SymShape.Of(1)).Infer()[0];
        Assert.Equal(3, b.Shape.Rank);
        Assert.False(b.Shape[0].IsKnown);
        var c = new OpCase("ReduceSum", 13).Attr("keepdims", 0L).Sym(DataType.Float32, x).Sym(DataType.Int64, SymShape.Of(1)).Infer()[0];
        Assert.False(c.Shape.HasRank);
    }

    [Fact]
    public void Axis_out_of_range_fails_in_inference()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpCase("ReduceSum", 11).Ints("axes", 2).In(X).Infer());
        Assert.Equal("node_ReduceSum", e.NodeName);
    }

    [Fact]
    public void ArgMax_and_ArgMin_with_ties()
    {
        var x = T.F(T.S(2, 3), 1, 5, 5, 7, 0, 0);
        var a = new OpCase("ArgMax", 13).Attr("axis", 1L).In(x).Run1();
        Assert.Equal(new[] { 2, 1 }, a.Shape);
        Assert.Equal(new long[] { 1, 0 }, a.Int64s);
        var last = new OpCase("ArgMax", 13).Attr("axis", 1L).Attr("select_last_index", 1L).Attr("keepdims", 0L).In(x).Run1();
        Assert.Equal(new long[] { 2, 0 }, last.Int64s);
        var min = new OpCase("ArgMin", 13).Attr("keepdims", 0L).In(x).Run1();
        Assert.Equal(new[] { 3 }, min.Shape);
        Assert.Equal(new long[] { 0, 1, 1 }, min.Int64s);
    }

    [Fact]
    public void Empty_reductions_give_the_identity_of_the_operation()
    {
        // Reducing a zero-length axis: sum 0, product 1, max -inf, min +inf, mean 0/0 = NaN.
        var x = Tensor.FromFloats(new[] { 2, 0 }, Array.Empty<float>());
        Assert.Equal(new float[] { 0, 0 }, new OpCase("ReduceSum", 13).Attr("keepdims", 0L).In(x).Const(T.L(1)).Run1().Floats);
        Assert.Equal(new float[] { 1, 1 }, new OpCase("ReduceProd", 13).Ints("axes", 1).Attr("keepdims", 0L).In(x).Run1().Floats);
        Assert.Equal(new[] { float.NegativeInfinity, float.NegativeInfinity }, new OpCase("ReduceMax", 13).Ints("axes", 1).Attr("keepdims", 0L).In(x).Run1().Floats);
        Assert.Equal(new[] { float.PositiveInfinity, float.PositiveInfinity }, new OpCase("ReduceMin", 13).Ints("axes", 1).Attr("keepdims", 0L).In(x).Run1().Floats);
        Assert.True(float.IsNaN(new OpCase("ReduceMean", 13).Ints("axes", 1).Attr("keepdims", 0L).In(x).Run1().Floats[0]));
    }
}
