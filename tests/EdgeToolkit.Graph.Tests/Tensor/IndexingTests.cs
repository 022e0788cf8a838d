namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>Expected values are the ONNX operator documentation's examples, or worked by hand.</summary>
public class IndexingTests
{
    [Fact]
    public void GatherElements_along_each_axis_with_negative_indices()
    {
        var a = new OpRunner("GatherElements").In(Make.F(Make.S(2, 2), 1, 2, 3, 4)).Const(Make.L(Make.S(2, 2), 0, 0, 1, 0)).Attr("axis", 1L).Run1();
        Assert.Equal(new float[] { 1, 1, 4, 3 }, a.Floats);
        var data = Make.F(Make.S(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var b = new OpRunner("GatherElements").In(data).Const(Make.L(Make.S(2, 3), -1, -2, 0, -2, 0, 0)).Run1();
        Assert.Equal(new[] { 2, 3 }, b.Shape);
        Assert.Equal(new float[] { 7, 5, 3, 4, 2, 3 }, b.Floats);
    }

    [Fact]
    public void GatherND_picks_elements_slices_and_respects_batch_dims()
    {
        var data = Make.I(Make.S(2, 2), 0, 1, 2, 3);
        Assert.Equal(new[] { 0, 3 }, new OpRunner("GatherND").In(data).Const(Make.L(Make.S(2, 2), 0, 0, 1, 1)).Run1().Int32s);
        var rows = new OpRunner("GatherND").In(data).Const(Make.L(Make.S(2, 1), 1, 0)).Run1();
        Assert.Equal(new[] { 2, 2 }, rows.Shape);
        Assert.Equal(new[] { 2, 3, 0, 1 }, rows.Int32s);
        var batched = new OpRunner("GatherND").In(Make.I(Make.S(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7)).Const(Make.L(Make.S(2, 1), 1, 0))
            .Attr("batch_dims", 1L).Run1();
        Assert.Equal(new[] { 2, 3, 4, 5 }, batched.Int32s);
    }

    [Fact]
    public void ScatterElements_writes_updates_at_indices()
    {
        var y = new OpRunner("ScatterElements").In(Tensor.Zeros(DataType.Float32, Make.S(3, 3))).Const(Make.L(Make.S(2, 3), 1, 0, 2, 0, 2, 1))
            .In(Make.F(Make.S(2, 3), 1.0f, 1.1f, 1.2f, 2.0f, 2.1f, 2.2f)).Run1();
        Assert.Equal(new[] { 2.0f, 1.1f, 0, 1.0f, 0, 2.2f, 0, 2.1f, 1.2f }, y.Floats);
    }

    [Fact]
    public void ScatterElements_add_accumulates_duplicates_and_scatter_is_its_old_name()
    {
        var data = Make.F(Make.S(1, 5), 1, 2, 3, 4, 5);
        var add = new OpRunner("ScatterElements", 18).In(data).Const(Make.L(Make.S(1, 2), 1, 1)).In(Make.F(Make.S(1, 2), 1.1f, 2.1f))
            .Attr("axis", 1L).Attr("reduction", "add").Run1();
        Make.Close(new[] { 1f, 5.2f, 3, 4, 5 }, add);
        var old = new OpRunner("Scatter", 9).In(data).Const(Make.L(Make.S(1, 2), 1, 3)).In(Make.F(Make.S(1, 2), 1.1f, 2.1f)).Attr("axis", 1L).Run1();
        Assert.Equal(new[] { 1f, 1.1f, 3, 2.1f, 5 }, old.Floats);
    }

    [Fact]
    public void ScatterND_writes_elements()
    {
        var y = new OpRunner("ScatterND").In(Make.L(Make.S(8), 1, 2, 3, 4, 5, 6, 7, 8)).Const(Make.L(Make.S(4, 1), 4, 3, 1, 7))
            .In(Make.L(Make.S(4), 9, 10, 11, 12)).Run1();
        Assert.Equal(new long[] { 1, 11, 3, 10, 9, 6, 7, 12 }, y.Int64s);
    }

    [Fact]
    public void OneHot_with_negative_and_out_of_range_indices()
    {
        var y = new OpRunner("OneHot").In(Make.L(0, -1, 5)).Const(Tensor.Scalar(3L)).Const(Make.F(Make.S(2), 0, 1)).Run1();
        Assert.Equal(new[] { 3, 3 }, y.Shape);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0 }, y.Floats);
        var first = new OpRunner("OneHot").In(Make.L(1, 0)).Const(Tensor.Scalar(2L)).Const(Make.L(-1, 7)).Attr("axis", 0L).Run1();
        Assert.Equal(new long[] { -1, 7, 7, -1 }, first.Int64s); // [depth, n]: row d holds on where index == d
    }

    [Fact]
    public void Trilu_upper_and_lower_with_diagonal_offset()
    {
        var x = Make.F(Make.S(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Assert.Equal(new float[] { 1, 2, 3, 0, 5, 6, 0, 0, 9 }, new OpRunner("Trilu", 14).In(x).Run1().Floats);
        var lower = new OpRunner("Trilu", 14).In(x).Const(Tensor.Scalar(-1L)).Attr("upper", 0L).Run1();
        Assert.Equal(new float[] { 0, 0, 0, 4, 0, 0, 7, 8, 0 }, lower.Floats);
    }

    [Fact]
    public void NonZero_lists_coordinates_per_axis()
    {
        var y = new OpRunner("NonZero").In(Make.B(Make.S(2, 2), true, false, true, true)).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new long[] { 0, 1, 1, 0, 0, 1 }, y.Int64s);
    }

    [Fact]
    public void Unique_sorted_and_in_first_occurrence_order()
    {
        var x = Make.F(Make.S(6), 2, 1, 1, 3, 4, 3);
        var sorted = new OpRunner("Unique", 11, outputs: 4).In(x).Run();
        Assert.Equal(new float[] { 1, 2, 3, 4 }, sorted[0].Floats);
        Assert.Equal(new long[] { 1, 0, 3, 4 }, sorted[1].Int64s);
        Assert.Equal(new long[] { 1, 0, 0, 2, 3, 2 }, sorted[2].Int64s);
        Assert.Equal(new long[] { 2, 1, 2, 1 }, sorted[3].Int64s);
        var firstSeen = new OpRunner("Unique", 11, outputs: 4).In(x).Attr("sorted", 0L).Run();
        Assert.Equal(new float[] { 2, 1, 3, 4 }, firstSeen[0].Floats);
        Assert.Equal(new long[] { 0, 1, 1, 2, 3, 2 }, firstSeen[2].Int64s);
    }

    [Fact]
    public void Unique_rows_along_an_axis()
    {
        var x = Make.L(Make.S(3, 2), 1, 1, 1, 0, 1, 1);
        var r = new OpRunner("Unique", 11, outputs: 4).In(x).Attr("axis", 0L).Run();
        Assert.Equal(new[] { 2, 2 }, r[0].Shape);
        Assert.Equal(new long[] { 1, 0, 1, 1 }, r[0].Int64s); // rows [1,0] < [1,1]
        Assert.Equal(new long[] { 1, 2 }, r[3].Int64s); // [1,0] once, [1,1] twice
    }

    [Fact]
    public void NonMaxSuppression_drops_overlaps_and_respects_the_limit()
    {
        // A and B overlap with IoU 0.9 / 1.1 = 0.82; C is apart. Scores rank A, B, C.
        var boxes = Make.F(Make.S(1, 3, 4), 0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 2, 1, 3);
        var scores = Make.F(Make.S(1, 1, 3), 0.9f, 0.8f, 0.7f);
        OpRunner Op(long limit) => new OpRunner("NonMaxSuppression", 11).In(boxes).In(scores).Const(Tensor.Vector(limit)).Const(Tensor.Vector(0.5f));
        var all = Op(10).Run1();
        Assert.Equal(new[] { 2, 3 }, all.Shape);
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 2 }, all.Int64s);
        Assert.Equal(new long[] { 0, 0, 0 }, Op(1).Run1().Int64s);
    }
}
