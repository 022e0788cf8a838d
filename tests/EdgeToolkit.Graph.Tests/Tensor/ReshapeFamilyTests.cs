namespace EdgeToolkit.Graph.Tests.TensorOps;

public class ReshapeFamilyTests
{
    private static readonly Dim Batch = Dim.Sym("batch");

    [Fact]
    public void Flatten_keeps_a_symbolic_batch()
    {
        var shape = new OpRunner("Flatten").Sym(DataType.Float32, Batch, 8, 4, 4).InferShape();
        Assert.Equal(Make.Shape(Batch, 128), shape);
    }

    [Fact]
    public void Flatten_axis_0_and_negative_axis()
    {
        var x = Make.Iota(2, 3, 4);
        Assert.Equal(new[] { 1, 24 }, new OpRunner("Flatten").In(x).Attr("axis", 0L).Run1().Shape);
        var y = new OpRunner("Flatten", opset: 13).In(x).Attr("axis", -1L).Run1();
        Assert.Equal(new[] { 6, 4 }, y.Shape);
        Assert.Equal(x.Floats, y.Floats);
    }

    [Fact]
    public void Reshape_copies_zero_dims_and_infers_minus_one()
    {
        var y = new OpRunner("Reshape").In(Make.Iota(2, 3, 4)).Const(Make.L(0, -1)).Run1();
        Assert.Equal(new[] { 2, 12 }, y.Shape);
        Assert.Equal(Make.Iota(2, 12).Floats, y.Floats);
    }

    [Fact]
    public void Reshape_with_allowzero_makes_a_zero_sized_dim()
    {
        var y = new OpRunner("Reshape", opset: 14).In(Tensor.Zeros(DataType.Float32, Make.S(0, 3))).Const(Make.L(3, 0)).Attr("allowzero", 1L).Run1();
        Assert.Equal(new[] { 3, 0 }, y.Shape);
    }

    [Fact]
    public void Reshape_solves_minus_one_symbolically()
    {
        Assert.Equal(Make.Shape(Batch, 128), new OpRunner("Reshape").Sym(DataType.Float32, Batch, 8, 4, 4).Const(Make.L(0, -1)).InferShape());
        Assert.Equal(Make.Shape(Batch, 128), new OpRunner("Reshape").Sym(DataType.Float32, Batch, 8, 4, 4).Const(Make.L(-1, 128)).InferShape());
        Assert.Equal(Make.Shape(Batch, 32, 4), new OpRunner("Reshape").Sym(DataType.Float32, Batch, 8, 4, 4).Const(Make.L(0, -1, 4)).InferShape());
        // Not solvable without the batch value: the -1 absorbs part of it.
        Assert.Equal(Make.Shape(Dim.Unknown, 64), new OpRunner("Reshape").Sym(DataType.Float32, Batch, 8, 4, 4).Const(Make.L(-1, 64)).InferShape());
    }

    [Fact]
    public void Reshape_of_int64_and_bool_moves_data_unchanged()
    {
        var l = new OpRunner("Reshape").In(Make.L(Make.S(2, 2), 1, 2, 3, 4)).Const(Make.L(4)).Run1();
        Assert.Equal(new long[] { 1, 2, 3, 4 }, l.Int64s);
        var b = new OpRunner("Reshape").In(Make.B(Make.S(4), true, false, false, true)).Const(Make.L(2, 2)).Run1();
        Assert.Equal(new[] { 2, 2 }, b.Shape);
        Assert.Equal(new[] { true, false, false, true }, b.Bools);
    }

    [Fact]
    public void Reshape_with_a_runtime_shape_knows_the_rank_only()
    {
        var shape = new OpRunner("Reshape").Sym(DataType.Float32, Batch, 8).Sym(DataType.Int64, 3).InferShape();
        Assert.Equal(Make.Shape(Dim.Unknown, Dim.Unknown, Dim.Unknown), shape);
    }

    [Fact]
    public void Transpose_default_reverses_axes()
    {
        var y = new OpRunner("Transpose").In(Make.Iota(2, 3)).Run1();
        Assert.Equal(new[] { 3, 2 }, y.Shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, y.Floats);
    }

    [Fact]
    public void Transpose_with_perm_on_uint8()
    {
        // x[a,b,c] = 100a + 10b + c with shape [2,2,3]; perm [1,2,0] -> y[b,c,a].
        var data = new byte[12];
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 3; c++) data[(a * 2 + b) * 3 + c] = (byte)(100 * a + 10 * b + c);
        var y = new OpRunner("Transpose").In(Make.U8(Make.S(2, 2, 3), data)).Attr("perm", 1L, 2L, 0L).Run1();
        Assert.Equal(new[] { 2, 3, 2 }, y.Shape);
        for (int b = 0; b < 2; b++) for (int c = 0; c < 3; c++) for (int a = 0; a < 2; a++)
            Assert.Equal((byte)(100 * a + 10 * b + c), y.UInt8s[(b * 3 + c) * 2 + a]);
    }

    [Fact]
    public void Transpose_keeps_symbolic_dims()
    {
        Assert.Equal(Make.Shape(4, Batch, 3), new OpRunner("Transpose").Sym(DataType.Float32, Batch, 3, 4).Attr("perm", 2L, 0L, 1L).InferShape());
    }

    [Fact]
    public void Shape_of_a_symbolic_input_is_int64_of_its_rank()
    {
        var info = new OpRunner("Shape").Sym(DataType.Float32, Batch, 3, 4).Infer()[0];
        Assert.Equal(DataType.Int64, info.Type);
        Assert.Equal(SymShape.Of(3), info.Shape);
    }

    [Fact]
    public void Shape_start_and_end_slice_the_dims()
    {
        var x = Make.Iota(2, 3, 4, 5);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, new OpRunner("Shape").In(x).Run1().Int64s);
        Assert.Equal(new long[] { 3, 4 }, new OpRunner("Shape", opset: 15).In(x).Attr("start", 1L).Attr("end", -1L).Run1().Int64s);
        Assert.Equal(new long[] { 4, 5 }, new OpRunner("Shape", opset: 15).In(x).Attr("start", -2L).Run1().Int64s);
        Assert.Empty(new OpRunner("Shape", opset: 15).In(x).Attr("start", 10L).Run1().Int64s);
    }

    [Fact]
    public void Size_is_an_int64_scalar()
    {
        var y = new OpRunner("Size").In(Make.Iota(2, 3, 4)).Run1();
        Assert.Empty(y.Shape);
        Assert.Equal(24L, y.Int64s[0]);
    }

    [Fact]
    public void Squeeze_axes_attribute_before_13_and_input_from_13()
    {
        var x = Make.Iota(1, 3, 1, 2);
        Assert.Equal(new[] { 3, 1, 2 }, new OpRunner("Squeeze", opset: 11).In(x).Attr("axes", new long[] { 0 }).Run1().Shape);
        Assert.Equal(new[] { 1, 3, 2 }, new OpRunner("Squeeze", opset: 13).In(x).Const(Make.L(-2)).Run1().Shape);
        Assert.Equal(new[] { 3, 2 }, new OpRunner("Squeeze", opset: 13).In(x).Run1().Shape);
    }

    [Fact]
    public void Squeeze_refuses_an_axis_that_is_not_1()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new OpRunner("Squeeze", opset: 13).In(Make.Iota(2, 3)).Const(Make.L(0)).Run1());
        Assert.Contains("squeeze", e.Message);
    }

    [Fact]
    public void Unsqueeze_axes_attribute_before_13_and_input_from_13()
    {
        var x = Make.Iota(3, 4);
        Assert.Equal(new[] { 1, 3, 1, 4 }, new OpRunner("Unsqueeze", opset: 11).In(x).Attr("axes", 0L, 2L).Run1().Shape);
        Assert.Equal(new[] { 3, 4, 1 }, new OpRunner("Unsqueeze", opset: 13).In(x).Const(Make.L(-1)).Run1().Shape);
        Assert.Equal(Make.Shape(1, Batch, 4), new OpRunner("Unsqueeze", opset: 13).Sym(DataType.Float32, Batch, 4).Const(Make.L(0)).InferShape());
    }

    [Fact]
    public void Identity_and_dropout_pass_data_through()
    {
        var x = Make.L(Make.S(3), 7, 8, 9);
        Assert.Equal(new long[] { 7, 8, 9 }, new OpRunner("Identity").In(x).Run1().Int64s);
        var r = new OpRunner("Dropout", opset: 13, outputs: 2).In(Make.Iota(2, 2)).Run();
        Assert.Equal(new float[] { 0, 1, 2, 3 }, r[0].Floats);
        Assert.Equal(new[] { true, true, true, true }, r[1].Bools);
        var old = new OpRunner("Dropout", opset: 7, outputs: 2).In(Make.Iota(2)).Attr("ratio", 0.5f).Run();
        Assert.Equal(new float[] { 1, 1 }, old[1].Floats); // before opset 10 the mask has the input's type
    }

    [Fact]
    public void Dropout_in_training_mode_is_refused()
    {
        var op = new OpRunner("Dropout", opset: 13).In(Make.Iota(2)).Const(Tensor.Scalar(0.5f)).Const(new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true }));
        Assert.Contains("training_mode", op.Refusal());
    }

    [Fact]
    public void Dropout_in_training_mode_with_ratio_0_drops_nothing()
    {
        var r = new OpRunner("Dropout", opset: 13, outputs: 2).In(Make.Iota(3)).Const(Tensor.Scalar(0f))
            .In(new Tensor(DataType.Bool, Array.Empty<int>(), new[] { true })).Run();
        Assert.Equal(new float[] { 0, 1, 2 }, r[0].Floats);
        Assert.Equal(new[] { true, true, true }, r[1].Bools);
    }

    [Fact]
    public void Unsqueeze_with_runtime_axes_knows_the_rank()
    {
        var shape = new OpRunner("Unsqueeze", opset: 13).Sym(DataType.Float32, Batch, 4).Sym(DataType.Int64, 2).InferShape();
        Assert.Equal(4, shape.Rank);
    }
}
