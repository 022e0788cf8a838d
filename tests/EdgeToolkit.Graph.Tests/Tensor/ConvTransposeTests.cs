namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>Expected values are the ONNX operator documentation's ConvTranspose examples.</summary>
public class ConvTransposeTests
{
    private static Tensor Ones(params int[] shape) => Make.F(shape, Enumerable.Repeat(1f, (int)Tensor.ElementCountOf(shape)).ToArray());

    [Fact]
    public void One_d_spreads_each_input_over_the_kernel()
    {
        var y = new OpRunner("ConvTranspose").In(Make.F(Make.S(1, 1, 3), 0, 1, 2)).Const(Ones(1, 2, 3)).Run1();
        Assert.Equal(new[] { 1, 2, 5 }, y.Shape);
        Assert.Equal(new float[] { 0, 1, 3, 3, 2, 0, 1, 3, 3, 2 }, y.Floats);
    }

    [Fact]
    public void Two_d_with_a_3x3_kernel_of_ones()
    {
        var y = new OpRunner("ConvTranspose").In(Make.Iota(1, 1, 3, 3)).Const(Ones(1, 2, 3, 3)).Run1();
        Assert.Equal(new[] { 1, 2, 5, 5 }, y.Shape);
        var plane = new float[] { 0, 1, 3, 3, 2, 3, 8, 15, 12, 7, 9, 21, 36, 27, 15, 9, 20, 33, 24, 13, 6, 13, 21, 15, 8 };
        Assert.Equal(plane.Concat(plane), y.Floats);
    }

    [Fact]
    public void Strides_and_pads()
    {
        var y = new OpRunner("ConvTranspose").In(Make.Iota(1, 1, 3, 3)).Const(Ones(1, 2, 3, 3))
            .Attr("strides", 3L, 2L).Attr("pads", 1L, 2L, 1L, 2L).Run1();
        Assert.Equal(new[] { 1, 2, 7, 3 }, y.Shape);
        var plane = new float[] { 1, 1, 3, 1, 1, 3, 7, 4, 9, 7, 4, 9, 7, 4, 9, 13, 7, 15, 13, 7, 15 };
        Assert.Equal(plane.Concat(plane), y.Floats);
    }

    [Fact]
    public void Output_shape_and_output_padding_size_the_output()
    {
        var x = Make.Iota(1, 1, 3, 3);
        var shaped = new OpRunner("ConvTranspose").In(x).Const(Ones(1, 2, 3, 3)).Attr("strides", 3L, 2L).Attr("output_shape", 10L, 8L).Run1();
        var padded = new OpRunner("ConvTranspose").In(x).Const(Ones(1, 2, 3, 3)).Attr("strides", 3L, 2L).Attr("output_padding", 1L, 1L).Run1();
        Assert.Equal(new[] { 1, 2, 10, 8 }, shaped.Shape);
        Assert.Equal(new[] { 1, 2, 10, 8 }, padded.Shape);
        // Row 0 of the ONNX example; the extra last row and column receive nothing.
        Assert.Equal(new float[] { 0, 0, 1, 1, 3, 2, 2, 0 }, shaped.Floats.Take(8));
        Assert.Equal(shaped.Floats, padded.Floats);
        Assert.All(shaped.Floats.Skip(72).Take(8), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Same_upper_makes_output_input_times_stride()
    {
        var y = new OpRunner("ConvTranspose").In(Make.Iota(1, 1, 3, 3)).Const(Ones(1, 2, 3, 3)).Attr("strides", 2L, 2L).Attr("auto_pad", "SAME_UPPER").Run1();
        Assert.Equal(new[] { 1, 2, 6, 6 }, y.Shape);
        // total padding 1 per axis, at the end: output (0, 0) is input (0, 0) alone.
        Assert.Equal(0f, y.Floats[0]);
        Assert.Equal(0f + 1, y.Floats[2]); // output column 2 = inputs at columns 0 (tap 2) and 1 (tap 0)
    }

    [Fact]
    public void Groups_keep_channels_apart_and_bias_is_added()
    {
        // Two groups, one input and one output channel each; kernel [1] scaled by 2 and 3.
        var x = Make.F(Make.S(1, 2, 2), 1, 2, 10, 20);
        var w = Make.F(Make.S(2, 1, 1), 2, 3);
        var y = new OpRunner("ConvTranspose").In(x).Const(w).Const(Make.F(Make.S(2), 0.5f, -1)).Attr("group", 2L).Run1();
        Assert.Equal(new float[] { 2.5f, 4.5f, 29, 59 }, y.Floats);
    }
}
