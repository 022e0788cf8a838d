namespace EdgeToolkit.Graph.Tests.TensorOps;

public class PoolTests
{
    private static readonly long[] K2 = { 2 };
    private static readonly long[] S2 = { 2 };

    [Fact]
    public void MaxPool_2x2_stride_2_takes_each_quadrant_max()
    {
        var x = Make.F(Make.S(1, 1, 4, 4), 1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16);
        var y = new OpRunner("MaxPool").In(x).Attr("kernel_shape", 2L, 2L).Attr("strides", 2L, 2L).Run1();
        Assert.Equal(new[] { 1, 1, 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 4, 8, 12, 16 }, y.Floats);
    }

    [Fact]
    public void Ceil_mode_adds_a_partial_last_window()
    {
        var x = Make.F(Make.S(1, 1, 5), 1, 5, 2, 4, 3);
        var floor = new OpRunner("MaxPool").In(x).Attr("kernel_shape", K2).Attr("strides", S2).Run1();
        var ceil = new OpRunner("MaxPool").In(x).Attr("kernel_shape", K2).Attr("strides", S2).Attr("ceil_mode", 1L).Run1();
        Assert.Equal(new float[] { 5, 4 }, floor.Floats);
        Assert.Equal(new float[] { 5, 4, 3 }, ceil.Floats);
        var avg = new OpRunner("AveragePool").In(x).Attr("kernel_shape", K2).Attr("strides", S2).Attr("ceil_mode", 1L).Run1();
        Assert.Equal(new float[] { 3, 3, 3 }, avg.Floats); // the last window holds x[4] alone
    }

    [Fact]
    public void Ceil_mode_drops_a_window_that_would_start_in_the_end_padding()
    {
        // in 4, pad end 1, kernel 2, stride 2: ceil((4+1-2)/2)+1 = 3, but window 3 would start at 4, in the padding.
        var x = Make.F(Make.S(1, 1, 4), 1, 2, 3, 4);
        var y = new OpRunner("MaxPool").In(x).Attr("kernel_shape", K2).Attr("strides", S2).Attr("pads", 0L, 1L).Attr("ceil_mode", 1L).Run1();
        Assert.Equal(new[] { 1, 1, 2 }, y.Shape);
        Assert.Equal(new float[] { 2, 4 }, y.Floats);
    }

    [Fact]
    public void Average_pool_count_include_pad_divides_by_the_full_window()
    {
        var x = Make.F(Make.S(1, 1, 3), 1, 2, 3);
        var k3 = new long[] { 3 };
        var exclude = new OpRunner("AveragePool").In(x).Attr("kernel_shape", k3).Attr("pads", 1L, 1L).Run1();
        var include = new OpRunner("AveragePool").In(x).Attr("kernel_shape", k3).Attr("pads", 1L, 1L).Attr("count_include_pad", 1L).Run1();
        Make.Close(new[] { 1.5f, 2f, 2.5f }, exclude);
        Make.Close(new[] { 1f, 2f, 5f / 3 }, include);
    }

    [Fact]
    public void Average_pool_2d_with_padding_and_stride()
    {
        // 3x3 input 1..9, kernel 2x2, stride 2, pads 1 on every side: windows centred on the corners.
        var x = Make.F(Make.S(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var op = () => new OpRunner("AveragePool").In(x).Attr("kernel_shape", 2L, 2L).Attr("strides", 2L, 2L).Attr("pads", 1L, 1L, 1L, 1L);
        var exclude = op().Run1();
        var include = op().Attr("count_include_pad", 1L).Run1();
        Assert.Equal(new[] { 1, 1, 2, 2 }, exclude.Shape);
        Make.Close(new[] { 1f, 2.5f, 5.5f, 7f }, exclude);
        Make.Close(new[] { 1f / 4, 5f / 4, 11f / 4, 28f / 4 }, include);
    }

    [Fact]
    public void Ceil_mode_windows_beyond_the_explicit_padding_do_not_count_even_with_count_include_pad()
    {
        // in 6, kernel 3, stride 2, pad begin 1, end 0, ceil: ceil((6+1-3)/2)+1 = 3 windows starting at -1, 1, 3.
        // Window 3 covers 3,4,5: all inside. Window 1 covers -1,0,1: the pad counts (3 taps).
        var x = Make.F(Make.S(1, 1, 6), 1, 2, 3, 4, 5, 6);
        var y = new OpRunner("AveragePool").In(x).Attr("kernel_shape", new long[] { 3 }).Attr("strides", S2)
            .Attr("pads", 1L, 0L).Attr("ceil_mode", 1L).Attr("count_include_pad", 1L).Run1();
        Make.Close(new[] { 3f / 3, 9f / 3, 15f / 3 }, y);
        // in 6, kernel 3, stride 2, no pads, ceil: ceil(3/2)+1 = 3 windows at 0, 2, 4; the last covers 4, 5 (6 lies beyond).
        var z = new OpRunner("AveragePool").In(x).Attr("kernel_shape", new long[] { 3 })
            .Attr("strides", S2).Attr("ceil_mode", 1L).Attr("count_include_pad", 1L).Run1();
        Make.Close(new[] { 2f, 4f, 5.5f }, z);
    }

    [Fact]
    public void MaxPool_dilation_skips_inputs()
    {
        var x = Make.F(Make.S(1, 1, 5), 1, 9, 2, 0, 3);
        var y = new OpRunner("MaxPool").In(x).Attr("kernel_shape", K2).Attr("dilations", S2).Run1();
        Assert.Equal(new float[] { 2, 9, 3 }, y.Floats); // windows {0,2}, {1,3}, {2,4}
    }

    [Fact]
    public void MaxPool_indices_are_flat_row_major_or_column_major()
    {
        // Two channels of 2x3; kernel 2x2 stride 1 -> 1x2 per channel.
        var x = Make.F(Make.S(1, 2, 2, 3), 1, 6, 2, 3, 4, 5, /* ch1 */ 9, 1, 1, 1, 1, 8);
        var r = new OpRunner("MaxPool", outputs: 2).In(x).Attr("kernel_shape", 2L, 2L).Run();
        Assert.Equal(new float[] { 6, 6, 9, 8 }, r[0].Floats);
        Assert.Equal(new long[] { 1, 1, 6, 11 }, r[1].Int64s);
        var c = new OpRunner("MaxPool", outputs: 2).In(x).Attr("kernel_shape", 2L, 2L).Attr("storage_order", 1L).Run();
        // column-major within a 2x3 plane: (h, w) -> h + 2w; plane offset 6 for channel 1.
        Assert.Equal(new long[] { 2, 2, 6, 6 + 1 + 4 }, c[1].Int64s);
    }

    [Fact]
    public void MaxPool_of_int8_keeps_the_type()
    {
        var y = new OpRunner("MaxPool").In(Make.I8(Make.S(1, 1, 4), -5, -3, 7, -128)).Attr("kernel_shape", K2).Attr("strides", S2).Run1();
        Assert.Equal(new sbyte[] { -3, 7 }, y.Int8s);
    }

    [Fact]
    public void MaxPool_same_upper_keeps_the_spatial_size()
    {
        var x = Make.Iota(1, 1, 3, 3);
        var y = new OpRunner("MaxPool").In(x).Attr("kernel_shape", 2L, 2L).Attr("auto_pad", "SAME_UPPER").Run1();
        Assert.Equal(new[] { 1, 1, 3, 3 }, y.Shape);
        Assert.Equal(new float[] { 4, 5, 5, 7, 8, 8, 7, 8, 8 }, y.Floats);
        var lower = new OpRunner("MaxPool").In(x).Attr("kernel_shape", 2L, 2L).Attr("auto_pad", "SAME_LOWER").Run1();
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, lower.Floats);
    }

    [Fact]
    public void Pool_shapes_infer_with_a_symbolic_batch()
    {
        var shape = new OpRunner("MaxPool").Sym(DataType.Float32, Dim.Sym("N"), 16, 7, 7).Attr("kernel_shape", 3L, 3L)
            .Attr("strides", 2L, 2L).Attr("ceil_mode", 1L).InferShape();
        Assert.Equal(Make.Shape(Dim.Sym("N"), 16, 3, 3), shape);
        var global = new OpRunner("GlobalAveragePool").Sym(DataType.Float32, Dim.Sym("N"), 16, Dim.Sym("h"), 7).InferShape();
        Assert.Equal(Make.Shape(Dim.Sym("N"), 16, 1, 1), global);
    }

    [Fact]
    public void Global_pools_reduce_each_plane()
    {
        var x = Make.F(Make.S(1, 2, 2, 2), 1, 2, 3, 6, -1, -2, -3, -4);
        Assert.Equal(new float[] { 3, -2.5f }, new OpRunner("GlobalAveragePool").In(x).Run1().Floats);
        var max = new OpRunner("GlobalMaxPool").In(x).Run1();
        Assert.Equal(new[] { 1, 2, 1, 1 }, max.Shape);
        Assert.Equal(new float[] { 6, -1 }, max.Floats);
    }

    [Fact]
    public void Missing_kernel_shape_is_refused()
    {
        Assert.Contains("kernel_shape", new OpRunner("MaxPool").In(Make.Iota(1, 1, 3, 3)).Refusal());
    }
}

public class PoolUInt8Tests
{
    [Fact]
    public void MaxPool_of_uint8_compares_unsigned_values()
    {
        var y = new OpRunner("MaxPool").In(Make.U8(Make.S(1, 1, 4), 200, 100, 3, 255)).Attr("kernel_shape", new long[] { 2 }).Attr("strides", new long[] { 2 }).Run1();
        Assert.Equal(new byte[] { 200, 255 }, y.UInt8s);
    }
}

public class LpPoolTests
{
    [Fact]
    public void LpPool_p2_is_the_euclidean_norm_of_each_window()
    {
        var y = new OpRunner("LpPool").In(Make.F(Make.S(1, 1, 4), 3, 4, -6, 8)).Attr("kernel_shape", new long[] { 2 }).Attr("strides", new long[] { 2 }).Run1();
        Make.Close(new[] { 5f, 10f }, y);
        var p1 = new OpRunner("LpPool").In(Make.F(Make.S(1, 1, 3), 1, -2, 3)).Attr("kernel_shape", new long[] { 3 }).Attr("p", 1L).Run1();
        Make.Close(new[] { 6f }, p1);
    }

    [Fact]
    public void GlobalLpPool_reduces_each_plane()
    {
        var y = new OpRunner("GlobalLpPool").In(Make.F(Make.S(1, 2, 2), 3, 4, 0, 2)).Run1();
        Assert.Equal(new[] { 1, 2, 1 }, y.Shape);
        Make.Close(new[] { 5f, 2f }, y);
    }
}

public class MaxUnpoolTests
{
    [Fact]
    public void MaxUnpool_undoes_maxpool_positions()
    {
        // The ONNX example: 2x2 values at flat indices 5, 7, 13, 15 of a 4x4 plane.
        var x = Make.F(Make.S(1, 1, 2, 2), 1, 2, 3, 4);
        var y = new OpRunner("MaxUnpool").In(x).In(Make.L(Make.S(1, 1, 2, 2), 5, 7, 13, 15))
            .Attr("kernel_shape", 2L, 2L).Attr("strides", 2L, 2L).Run1();
        Assert.Equal(new[] { 1, 1, 4, 4 }, y.Shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4 }, y.Floats);
    }
}

public class MaxUnpoolOutputShapeTests
{
    [Fact]
    public void A_larger_output_shape_keeps_values_at_their_coordinates()
    {
        // Indices 5, 7, 13, 15 of the natural 4x4 plane are (1,1), (1,3), (3,1), (3,3); in 5x5 those are 6, 8, 16, 18.
        var y = new OpRunner("MaxUnpool").In(Make.F(Make.S(1, 1, 2, 2), 5, 6, 7, 8)).In(Make.L(Make.S(1, 1, 2, 2), 5, 7, 13, 15))
            .Const(Make.L(1, 1, 5, 5)).Attr("kernel_shape", 2L, 2L).Attr("strides", 2L, 2L).Run1();
        var expected = new float[25];
        expected[6] = 5; expected[8] = 6; expected[16] = 7; expected[18] = 8;
        Assert.Equal(expected, y.Floats);
    }
}

public class RoiAlignTests
{
    private static readonly Tensor Image = Make.F(Make.S(1, 1, 2, 2), 1, 2, 3, 4);

    private static Tensor Run(int opset, float[] roi, long ratio, string mode = "avg") =>
        new OpRunner("RoiAlign", opset).In(Image).In(Make.F(Make.S(1, 4), roi)).In(Make.L(0))
            .Attr("sampling_ratio", ratio).Attr("mode", mode).Run1();

    [Fact]
    public void One_sample_at_the_centre_of_the_image_is_the_mean()
    {
        // Opset 10 (output_half_pixel): roi 0..1 samples its centre 0.5. Opset 16 (half_pixel): roi 0..2 shifted by -0.5, same point.
        Make.Close(new[] { 2.5f }, Run(10, new float[] { 0, 0, 1, 1 }, 1));
        Make.Close(new[] { 2.5f }, Run(16, new float[] { 0, 0, 2, 2 }, 1));
    }

    [Fact]
    public void Max_mode_takes_the_largest_sample()
    {
        // A 2x2 sampling grid over roi 0..2 (half_pixel) lands exactly on the four pixels.
        Make.Close(new[] { 4f }, Run(16, new float[] { 0, 0, 2, 2 }, 2, "max"));
        Make.Close(new[] { 2.5f }, Run(16, new float[] { 0, 0, 2, 2 }, 2));
    }
}
