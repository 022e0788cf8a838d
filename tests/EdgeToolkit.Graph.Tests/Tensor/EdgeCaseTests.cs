namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>Empty tensors, scalars and out-of-range arguments, where ONNX's rules are easiest to get wrong.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void Reshape_scalar_to_vector_and_back()
    {
        var v = new OpRunner("Reshape").In(Tensor.Scalar(3f)).Const(Make.L(1)).Run1();
        Assert.Equal(new[] { 1 }, v.Shape);
        var s = new OpRunner("Reshape").In(v).Const(Tensor.FromInt64s(Make.S(0), Array.Empty<long>())).Run1();
        Assert.Empty(s.Shape);
        Assert.Equal(3f, s.Floats[0]);
    }

    [Fact]
    public void Concat_skips_an_empty_input()
    {
        var y = new OpRunner("Concat").In(Make.Iota(0, 2)).In(Make.Iota(2, 2)).Attr("axis", 0L).Run1();
        Assert.Equal(new float[] { 0, 1, 2, 3 }, y.Floats);
    }

    [Fact]
    public void Split_into_zero_sized_parts()
    {
        var r = new OpRunner("Split", opset: 13, outputs: 3).In(Make.Iota(3)).Const(Make.L(0, 3, 0)).Run();
        Assert.Empty(r[0].Floats);
        Assert.Equal(new float[] { 0, 1, 2 }, r[1].Floats);
        Assert.Empty(r[2].Floats);
    }

    [Fact]
    public void Tile_by_zero_and_expand_to_zero()
    {
        Assert.Equal(new[] { 0, 2 }, new OpRunner("Tile").In(Make.Iota(1, 2)).Const(Make.L(0, 1)).Run1().Shape);
        Assert.Equal(new[] { 0, 2 }, new OpRunner("Expand").In(Make.Iota(1, 2)).Const(Make.L(0, 1)).Run1().Shape);
    }

    [Fact]
    public void Gather_on_a_negative_axis()
    {
        var y = new OpRunner("Gather").In(Make.Iota(2, 3)).Const(Make.L(-1, 0)).Attr("axis", -1L).Run1();
        Assert.Equal(new float[] { 2, 0, 5, 3 }, y.Floats);
    }

    [Fact]
    public void Reflect_pad_wider_than_the_input_keeps_reflecting()
    {
        // numpy.pad([1, 2, 3], (5, 0), "reflect")
        var y = new OpRunner("Pad", opset: 13).In(Make.F(Make.S(3), 1, 2, 3)).Const(Make.L(5, 0)).Attr("mode", "reflect").Run1();
        Assert.Equal(new float[] { 2, 1, 2, 3, 2, 1, 2, 3 }, y.Floats);
    }

    [Fact]
    public void Slice_on_an_empty_axis_is_empty_for_either_step()
    {
        var x = Make.Iota(0, 3);
        Assert.Equal(new[] { 0, 3 }, new OpRunner("Slice", opset: 13).In(x).Const(Make.L(-1)).Const(Make.L(long.MinValue)).Const(Make.L(0)).Const(Make.L(-1)).Run1().Shape);
    }

    [Fact]
    public void Transpose_of_a_string_tensor()
    {
        var x = new Tensor(DataType.String, Make.S(2, 2), new[] { "a", "b", "c", "d" });
        var y = new OpRunner("Transpose").In(x).Run1();
        Assert.Equal(new[] { "a", "c", "b", "d" }, (string[])y.Data);
    }

    [Fact]
    public void Conv_with_a_zero_batch_gives_an_empty_output()
    {
        var y = new OpRunner("Conv").In(Make.Iota(0, 1, 3, 3)).Const(Make.Random(1, 2, 1, 2, 2)).Run1();
        Assert.Equal(new[] { 0, 2, 2, 2 }, y.Shape);
    }
}
