namespace EdgeToolkit.Graph.Tests.TensorOps;

public class GatherPadTests
{
    [Fact]
    public void Gather_axis_0_with_negative_indices()
    {
        var y = new OpRunner("Gather").In(Make.Iota(3, 2)).Const(Make.L(Make.S(2, 2), 0, -1, 2, 1)).Run1();
        Assert.Equal(new[] { 2, 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 0, 1, 4, 5, 4, 5, 2, 3 }, y.Floats);
    }

    [Fact]
    public void Gather_inner_axis_with_int32_indices_on_int64_data()
    {
        var data = Make.L(Make.S(2, 3), 10, 11, 12, 20, 21, 22);
        var y = new OpRunner("Gather").In(data).In(Make.I(Make.S(2), 2, 0)).Attr("axis", 1L).Run1();
        Assert.Equal(new[] { 2, 2 }, y.Shape);
        Assert.Equal(new long[] { 12, 10, 22, 20 }, y.Int64s);
    }

    [Fact]
    public void Gather_scalar_index_drops_the_axis()
    {
        var y = new OpRunner("Gather").In(Make.L(Make.S(3), 5, 6, 7)).Const(Tensor.Scalar(-3L)).Run1();
        Assert.Empty(y.Shape);
        Assert.Equal(5L, y.Int64s[0]);
    }

    [Fact]
    public void Gather_out_of_range_index_is_an_error()
    {
        Assert.Throws<EdgeToolkitException>(() => new OpRunner("Gather").In(Make.Iota(3)).In(Make.L(3)).Run());
    }

    private static readonly float[] Row = { 1, 2, 3 };

    [Theory]
    // numpy.pad([1, 2, 3], (2, 3), mode) results
    [InlineData("constant", new float[] { 9, 9, 1, 2, 3, 9, 9, 9 })]
    [InlineData("edge", new float[] { 1, 1, 1, 2, 3, 3, 3, 3 })]
    [InlineData("reflect", new float[] { 3, 2, 1, 2, 3, 2, 1, 2 })]
    [InlineData("wrap", new float[] { 2, 3, 1, 2, 3, 1, 2, 3 })]
    public void Pad_modes_from_opset_11_inputs(string mode, float[] expected)
    {
        var y = new OpRunner("Pad", opset: 19).In(Make.F(Make.S(3), Row)).Const(Make.L(2, 3)).Const(Tensor.Scalar(9f)).Attr("mode", mode).Run1();
        Assert.Equal(expected, y.Floats);
    }

    [Fact]
    public void Pad_attributes_before_opset_11()
    {
        var y = new OpRunner("Pad", opset: 2).In(Make.Iota(2, 2)).Attr("pads", 0L, 1L, 1L, 0L).Attr("value", 7f).Run1();
        Assert.Equal(new[] { 3, 3 }, y.Shape);
        Assert.Equal(new float[] { 7, 0, 1, 7, 2, 3, 7, 7, 7 }, y.Floats);
    }

    [Fact]
    public void Pad_axes_input_from_opset_18()
    {
        var y = new OpRunner("Pad", opset: 18).In(Make.Iota(2, 2)).Const(Make.L(1, 0)).Missing().Const(Make.L(-1)).Run1();
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { 0, 0, 1, 0, 2, 3 }, y.Floats);
    }

    [Fact]
    public void Pad_negative_pads_crop_and_int8_constant()
    {
        var y = new OpRunner("Pad", opset: 13).In(Make.I8(Make.S(4), 1, 2, 3, 4)).Const(Make.L(-1, 2))
            .Const(Make.I8(Array.Empty<int>(), -5)).Run1();
        Assert.Equal(new sbyte[] { 2, 3, 4, -5, -5 }, y.Int8s);
    }

    [Fact]
    public void Pad_shape_infers_with_a_symbolic_dim_it_leaves_alone()
    {
        var shape = new OpRunner("Pad", opset: 13).Sym(DataType.Float32, Dim.Sym("n"), 3).Const(Make.L(0, 1, 0, 2)).InferShape();
        Assert.Equal(Make.Shape(Dim.Sym("n"), 6), shape);
    }

    [Fact]
    public void Pad_unknown_mode_is_refused()
    {
        Assert.Contains("mode", new OpRunner("Pad", opset: 13).In(Make.Iota(3)).Const(Make.L(1, 1)).Attr("mode", "mirror").Refusal());
    }
}
