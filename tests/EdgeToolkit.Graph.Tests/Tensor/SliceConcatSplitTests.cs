namespace EdgeToolkit.Graph.Tests.TensorOps;

public class SliceConcatSplitTests
{
    private static readonly Dim Batch = Dim.Sym("batch");

    [Fact]
    public void Slice_attributes_before_opset_10()
    {
        // x[r, c] = 4r + c, shape [3, 4]; rows 1..2, columns 1..3 (end clamps from 1000).
        var y = new OpRunner("Slice", opset: 9).In(Make.Iota(3, 4)).Attr("starts", 1L, 1L).Attr("ends", 1000L, 3L).Run1();
        Assert.Equal(new[] { 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 5, 6, 9, 10 }, y.Floats);
    }

    [Fact]
    public void Slice_inputs_with_axes_and_steps()
    {
        var y = new OpRunner("Slice", opset: 13).In(Make.Iota(3, 4)).Const(Make.L(0)).Const(Make.L(4)).Const(Make.L(1)).Const(Make.L(2)).Run1();
        Assert.Equal(new[] { 3, 2 }, y.Shape);
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, y.Floats);
    }

    [Fact]
    public void Slice_negative_step_walks_backwards_and_clamps()
    {
        var x = Make.Iota(5);
        var all = new OpRunner("Slice", opset: 13).In(x).Const(Make.L(-1)).Const(Make.L(long.MinValue)).Const(Make.L(0)).Const(Make.L(-1)).Run1();
        Assert.Equal(new float[] { 4, 3, 2, 1, 0 }, all.Floats);
        var part = new OpRunner("Slice", opset: 13).In(x).Const(Make.L(10)).Const(Make.L(0)).Missing().Const(Make.L(-2)).Run1();
        Assert.Equal(new float[] { 4, 2 }, part.Floats); // start clamps to 4, end 0 is exclusive
    }

    [Fact]
    public void Slice_negative_starts_and_empty_results()
    {
        var x = Make.L(Make.S(5), 10, 11, 12, 13, 14);
        Assert.Equal(new long[] { 12, 13 }, new OpRunner("Slice", opset: 13).In(x).Const(Make.L(-3)).Const(Make.L(-1)).Run1().Int64s);
        Assert.Empty(new OpRunner("Slice", opset: 13).In(x).Const(Make.L(3)).Const(Make.L(1)).Run1().Int64s);
    }

    [Fact]
    public void Slice_keeps_a_symbolic_dim_it_takes_whole()
    {
        var shape = new OpRunner("Slice", opset: 13).Sym(DataType.Float32, Batch, 10).Const(Make.L(0, 2)).Const(Make.L(long.MaxValue, 8))
            .InferShape();
        Assert.Equal(Make.Shape(Batch, 6), shape);
        var part = new OpRunner("Slice", opset: 13).Sym(DataType.Float32, Batch, 10).Const(Make.L(1)).Const(Make.L(3)).InferShape();
        Assert.Equal(Make.Shape(Dim.Unknown, 10), part);
    }

    [Fact]
    public void Concat_along_an_axis_of_int32()
    {
        var a = Make.I(Make.S(2, 1), 1, 2);
        var b = Make.I(Make.S(2, 2), 3, 4, 5, 6);
        var y = new OpRunner("Concat").In(a).In(b).Attr("axis", -1L).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new[] { 1, 3, 4, 2, 5, 6 }, y.Int32s);
    }

    [Fact]
    public void Concat_with_a_symbolic_batch_sums_the_known_axis()
    {
        var shape = new OpRunner("Concat").Sym(DataType.Float32, Batch, 3, 8).Sym(DataType.Float32, Batch, 5, 8).Attr("axis", 1L).InferShape();
        Assert.Equal(Make.Shape(Batch, 8, 8), shape);
        var along = new OpRunner("Concat").Sym(DataType.Float32, Batch, 3).Sym(DataType.Float32, 2, 3).Attr("axis", 0L).InferShape();
        Assert.Equal(Make.Shape(Dim.Unknown, 3), along);
    }

    [Fact]
    public void Split_equal_by_default()
    {
        var r = new OpRunner("Split", outputs: 3).In(Make.Iota(2, 6)).Attr("axis", 1L).Run();
        Assert.Equal(new float[] { 0, 1, 6, 7 }, r[0].Floats);
        Assert.Equal(new float[] { 2, 3, 8, 9 }, r[1].Floats);
        Assert.Equal(new float[] { 4, 5, 10, 11 }, r[2].Floats);
    }

    [Fact]
    public void Split_sizes_from_attribute_before_13_and_input_from_13()
    {
        var x = Make.L(Make.S(5), 1, 2, 3, 4, 5);
        var old = new OpRunner("Split", opset: 11, outputs: 2).In(x).Attr("split", 2L, 3L).Run();
        Assert.Equal(new long[] { 1, 2 }, old[0].Int64s);
        Assert.Equal(new long[] { 3, 4, 5 }, old[1].Int64s);
        var now = new OpRunner("Split", opset: 13, outputs: 2).In(x).Const(Make.L(4, 1)).Run();
        Assert.Equal(new long[] { 1, 2, 3, 4 }, now[0].Int64s);
        Assert.Equal(new long[] { 5 }, now[1].Int64s);
    }

    [Fact]
    public void Split_num_outputs_makes_the_last_chunk_smaller()
    {
        var r = new OpRunner("Split", opset: 18, outputs: 3).In(Make.Iota(7)).Attr("num_outputs", 3L).Run();
        Assert.Equal(new float[] { 0, 1, 2 }, r[0].Floats);
        Assert.Equal(new float[] { 3, 4, 5 }, r[1].Floats);
        Assert.Equal(new float[] { 6 }, r[2].Floats);
    }

    [Fact]
    public void Split_refuses_an_uneven_equal_split()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpRunner("Split", opset: 13, outputs: 2).In(Make.Iota(5)).Run());
        Assert.Contains("equally", e.Message);
    }
}
