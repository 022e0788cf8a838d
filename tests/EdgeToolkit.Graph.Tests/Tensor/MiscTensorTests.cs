namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>EyeLike, CenterCropPad, Compress and ReverseSequence, on the ONNX documentation's examples or by hand.</summary>
public class MiscTensorTests
{
    [Fact]
    public void EyeLike_puts_ones_on_diagonal_k_in_the_requested_type()
    {
        var y = new OpRunner("EyeLike").In(Make.Iota(3, 4)).Attr("k", 1L).Attr("dtype", (long)DataType.Int32).Run1();
        Assert.Equal(DataType.Int32, y.Type);
        Assert.Equal(new[] { 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, y.Int32s);
    }

    [Fact]
    public void CenterCropPad_crops_one_axis_and_pads_another()
    {
        // 5x4 -> 3x6: rows 1..3 kept; columns shifted right by 1 with a zero column each side.
        var y = new OpRunner("CenterCropPad", 18).In(Make.Iota(5, 4)).Const(Make.L(3, 6)).Run1();
        Assert.Equal(new[] { 3, 6 }, y.Shape);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 6; c++)
                Assert.Equal(c is >= 1 and <= 4 ? (r + 1) * 4 + c - 1 : 0, y.Floats[r * 6 + c]);
    }

    [Fact]
    public void Compress_along_an_axis_and_flattened()
    {
        var x = Make.F(Make.S(3, 2), 1, 2, 3, 4, 5, 6);
        var rows = new OpRunner("Compress").In(x).Const(Make.B(Make.S(3), false, true, true)).Attr("axis", 0L).Run1();
        Assert.Equal(new float[] { 3, 4, 5, 6 }, rows.Floats);
        var cols = new OpRunner("Compress").In(x).Const(Make.B(Make.S(2), false, true)).Attr("axis", 1L).Run1();
        Assert.Equal(new[] { 3, 1 }, cols.Shape);
        Assert.Equal(new float[] { 2, 4, 6 }, cols.Floats);
        var flat = new OpRunner("Compress").In(x).Const(Make.B(Make.S(5), false, true, false, false, true)).Run1();
        Assert.Equal(new float[] { 2, 5 }, flat.Floats);
    }

    [Fact]
    public void ReverseSequence_reverses_each_batch_prefix()
    {
        // time x batch; batch b reverses its first lens[b] steps.
        var x = Make.L(Make.S(4, 4), 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        var y = new OpRunner("ReverseSequence", 10).In(x).Const(Make.L(4, 3, 2, 1)).Run1();
        Assert.Equal(new long[] { 3, 6, 9, 12, 2, 5, 8, 13, 1, 4, 10, 14, 0, 7, 11, 15 }, y.Int64s);
    }
}
