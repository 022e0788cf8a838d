namespace EdgeToolkit.Graph.Tests.TensorOps;

public class GeneratorTests
{
    [Fact]
    public void Constant_value_forms()
    {
        var t = Make.L(Make.S(2), 3, 4);
        Assert.Equal(new long[] { 3, 4 }, new OpRunner("Constant").Attr("value", t).Run1().Int64s);
        var f = new OpRunner("Constant", opset: 12).Attr("value_float", 2.5f).Run1();
        Assert.Empty(f.Shape);
        Assert.Equal(2.5f, f.Floats[0]);
        Assert.Equal(new float[] { 1, 2 }, new OpRunner("Constant", opset: 12).Attr("value_floats", new float[] { 1, 2 }).Run1().Floats);
        Assert.Equal(7L, new OpRunner("Constant", opset: 12).Attr("value_int", 7L).Run1().Int64s[0]);
        Assert.Equal(new long[] { 5, 6 }, new OpRunner("Constant", opset: 12).Attr("value_ints", 5L, 6L).Run1().Int64s);
    }

    [Fact]
    public void ConstantOfShape_defaults_to_float_zero_and_takes_the_value_type()
    {
        var z = new OpRunner("ConstantOfShape").Const(Make.L(2, 3)).Run1();
        Assert.Equal(DataType.Float32, z.Type);
        Assert.Equal(new float[6], z.Floats);
        var v = new OpRunner("ConstantOfShape").In(Make.L(3)).Attr("value", Make.I(Make.S(1), 4)).Run1();
        Assert.Equal(new[] { 4, 4, 4 }, v.Int32s);
    }

    [Fact]
    public void ConstantOfShape_of_a_runtime_shape_knows_the_rank()
    {
        Assert.Equal(Make.Shape(Dim.Unknown, Dim.Unknown), new OpRunner("ConstantOfShape").Sym(DataType.Int64, 2).InferShape());
    }

    [Fact]
    public void Range_counts_ceil_of_span_over_delta()
    {
        Assert.Equal(new long[] { 10, 7, 4 }, new OpRunner("Range").Const(Tensor.Scalar(10L)).Const(Tensor.Scalar(2L)).Const(Tensor.Scalar(-3L)).Run1().Int64s);
        var f = new OpRunner("Range").In(Tensor.Scalar(1f)).In(Tensor.Scalar(2f)).In(Tensor.Scalar(0.25f)).Run1();
        Assert.Equal(new float[] { 1, 1.25f, 1.5f, 1.75f }, f.Floats);
        Assert.Empty(new OpRunner("Range").Const(Tensor.Scalar(5L)).Const(Tensor.Scalar(1L)).Const(Tensor.Scalar(1L)).Run1().Int64s);
    }

    [Fact]
    public void Range_with_runtime_inputs_has_unknown_length()
    {
        var shape = new OpRunner("Range").Sym(DataType.Int64).Sym(DataType.Int64).Sym(DataType.Int64).InferShape();
        Assert.Equal(Make.Shape(Dim.Unknown), shape);
    }

    [Fact]
    public void Expand_broadcasts_both_ways()
    {
        // [3,1] against [2,1,4]: result [2,3,4], row r holds x[r] everywhere.
        var y = new OpRunner("Expand").In(Make.L(Make.S(3, 1), 1, 2, 3)).Const(Make.L(2, 1, 4)).Run1();
        Assert.Equal(new[] { 2, 3, 4 }, y.Shape);
        for (int b = 0; b < 2; b++) for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++)
            Assert.Equal(r + 1, y.Int64s[(b * 3 + r) * 4 + c]);
        var keep = new OpRunner("Expand").In(Make.Iota(2, 3)).Const(Make.L(1, 1)).Run1();
        Assert.Equal(new[] { 2, 3 }, keep.Shape);
    }

    [Fact]
    public void Expand_keeps_a_symbolic_dim_against_1()
    {
        Assert.Equal(Make.Shape(Dim.Sym("n"), 4), new OpRunner("Expand").Sym(DataType.Float32, Dim.Sym("n"), 1).Const(Make.L(1, 4)).InferShape());
    }

    [Fact]
    public void Tile_repeats_along_each_axis()
    {
        var y = new OpRunner("Tile").In(Make.B(Make.S(1, 2), true, false)).Const(Make.L(2, 2)).Run1();
        Assert.Equal(new[] { 2, 4 }, y.Shape);
        Assert.Equal(new[] { true, false, true, false, true, false, true, false }, y.Bools);
        var z = new OpRunner("Tile").In(Make.Iota(2, 1)).Const(Make.L(2, 3)).Run1();
        Assert.Equal(new float[] { 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1 }, z.Floats);
    }

    /// <summary>The ONNX DepthToSpace example input: channel c holds 9c + (3h + w).</summary>
    private static Tensor DepthExample()
    {
        var v = new float[48];
        for (int c = 0; c < 8; c++) for (int i = 0; i < 6; i++) v[c * 6 + i] = 9 * c + i;
        return Make.F(Make.S(1, 8, 2, 3), v);
    }

    [Fact]
    public void DepthToSpace_dcr_and_crd_match_the_onnx_examples()
    {
        var dcr = new OpRunner("DepthToSpace").In(DepthExample()).Attr("blocksize", 2L).Run1();
        Assert.Equal(new[] { 1, 2, 4, 6 }, dcr.Shape);
        Assert.Equal(new float[] { 0, 18, 1, 19, 2, 20, 36, 54, 37, 55, 38, 56 }, dcr.Floats.Take(12));
        var crd = new OpRunner("DepthToSpace", opset: 11).In(DepthExample()).Attr("blocksize", 2L).Attr("mode", "CRD").Run1();
        Assert.Equal(new float[] { 0, 9, 1, 10, 2, 11, 18, 27, 19, 28, 20, 29 }, crd.Floats.Take(12));
    }

    [Fact]
    public void SpaceToDepth_moves_each_block_into_channels()
    {
        var x = Make.Iota(1, 1, 2, 4);
        var y = new OpRunner("SpaceToDepth").In(x).Attr("blocksize", 2L).Run1();
        Assert.Equal(new[] { 1, 4, 1, 2 }, y.Shape);
        // channel (i*2 + j) holds x[h*2+i, w*2+j]
        Assert.Equal(new float[] { 0, 2, 1, 3, 4, 6, 5, 7 }, y.Floats);
    }
}
