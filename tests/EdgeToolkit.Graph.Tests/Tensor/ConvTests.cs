namespace EdgeToolkit.Graph.Tests.TensorOps;

public class ConvTests
{
    /// <summary>Direct 2-D convolution written from the definition, explicit pads only.</summary>
    private static float[] NaiveConv2D(Tensor x, Tensor w, float[]? bias, int group, int[] stride, int[] dil, int[] pads, out int[] shape)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int m = w.Shape[0], cg = w.Shape[1], kh = w.Shape[2], kw = w.Shape[3];
        int oh = (h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (wd + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        shape = new[] { n, m, oh, ow };
        var y = new float[n * m * oh * ow];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < m; oc++)
            {
                int g = oc / (m / group);
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = bias?[oc] ?? 0;
                        for (int ic = 0; ic < cg; ic++)
                            for (int p = 0; p < kh; p++)
                                for (int q = 0; q < kw; q++)
                                {
                                    int ih = i * stride[0] - pads[0] + p * dil[0], iw = j * stride[1] - pads[1] + q * dil[1];
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                                    sum += (double)x.Floats[((b * c + g * cg + ic) * h + ih) * wd + iw] * w.Floats[((oc * cg + ic) * kh + p) * kw + q];
                                }
                        y[((b * m + oc) * oh + i) * ow + j] = (float)sum;
                    }
            }
        return y;
    }

    [Theory]
    // batch, in ch, out ch, h, w, kernel, group, stride, dilation, pad (top, left, bottom, right), bias
    [InlineData(1, 1, 1, 5, 5, 3, 1, 1, 1, 0, 0, 0, 0, false)]
    [InlineData(2, 3, 4, 6, 7, 3, 1, 1, 1, 1, 1, 1, 1, true)]
    [InlineData(1, 2, 3, 7, 6, 3, 1, 2, 1, 1, 0, 2, 1, true)]
    [InlineData(1, 2, 2, 9, 9, 3, 1, 1, 2, 2, 2, 2, 2, false)]
    [InlineData(1, 4, 6, 5, 5, 3, 2, 1, 1, 1, 1, 1, 1, true)]
    [InlineData(2, 4, 4, 6, 6, 3, 4, 2, 1, 1, 1, 0, 0, true)]
    [InlineData(1, 3, 6, 5, 5, 2, 3, 1, 1, 0, 0, 1, 1, false)]
    public void Conv2D_matches_a_direct_computation(int n, int c, int m, int h, int wd, int k, int group, int s, int d,
        int pt, int pl, int pb, int pr, bool withBias)
    {
        var x = Make.Random(1, n, c, h, wd);
        var w = Make.Random(2, m, c / group, k, k);
        var bias = withBias ? Make.Random(3, m) : null;
        var op = new OpRunner("Conv").In(x).Const(w);
        if (bias != null) op.Const(bias);
        op.Attr("group", group).Attr("strides", s, s).Attr("dilations", d, d).Attr("pads", pt, pl, pb, pr);
        var y = op.Run1();
        var expected = NaiveConv2D(x, w, bias?.Floats, group, new[] { s, s }, new[] { d, d }, new[] { pt, pl, pb, pr }, out var shape);
        Assert.Equal(shape, y.Shape);
        Make.Close(expected, y);
    }

    [Fact]
    public void Depthwise_conv_filters_each_channel_alone()
    {
        // Channel 0 of ones convolved with a 2x2 kernel of ones; channel 1 with a kernel that picks the top-left tap.
        var x = Make.F(Make.S(1, 2, 3, 3), Enumerable.Repeat(1f, 9).Concat(Enumerable.Range(1, 9).Select(v => (float)v)).ToArray());
        var w = Make.F(Make.S(2, 1, 2, 2), 1, 1, 1, 1, 1, 0, 0, 0);
        var y = new OpRunner("Conv").In(x).Const(w).Attr("group", 2L).Run1();
        Assert.Equal(new[] { 1, 2, 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 4, 4, 4, 4, 1, 2, 4, 5 }, y.Floats);
    }

    [Fact]
    public void Conv1D_with_stride_padding_and_bias()
    {
        // x = 1..5, kernel [1, 2], pad 1 each side, stride 2, bias 10.
        // padded: 0 1 2 3 4 5 0 -> windows at 0, 2, 4: (0+2), (2+6), (4+10)
        var y = new OpRunner("Conv").In(Make.F(Make.S(1, 1, 5), 1, 2, 3, 4, 5)).Const(Make.F(Make.S(1, 1, 2), 1, 2))
            .Const(Make.F(Make.S(1), 10)).Attr("strides", new long[] { 2 }).Attr("pads", 1L, 1L).Run1();
        Assert.Equal(new[] { 1, 1, 3 }, y.Shape);
        Assert.Equal(new float[] { 12, 18, 24 }, y.Floats);
    }

    [Fact]
    public void Conv3D_of_ones_counts_the_taps_inside_the_volume()
    {
        var x = Make.F(Make.S(1, 1, 2, 2, 2), Enumerable.Repeat(1f, 8).ToArray());
        var w = Make.F(Make.S(1, 1, 2, 2, 2), Enumerable.Repeat(1f, 8).ToArray());
        var y = new OpRunner("Conv").In(x).Const(w).Attr("pads", 1L, 1L, 1L, 0L, 0L, 0L).Run1();
        Assert.Equal(new[] { 1, 1, 2, 2, 2 }, y.Shape);
        // Output (i,j,k) covers input indices {i-1,i} x {j-1,j} x {k-1,k}: 2^(number of nonzero coordinates) taps.
        Assert.Equal(new float[] { 1, 2, 2, 4, 2, 4, 4, 8 }, y.Floats);
    }

    [Fact]
    public void Same_upper_pads_at_the_end_and_same_lower_at_the_beginning()
    {
        var x = Make.Iota(1, 1, 4, 4);
        var w = Make.F(Make.S(1, 1, 2, 2), 1, 1, 1, 1);
        var upper = new OpRunner("Conv").In(x).Const(w).Attr("auto_pad", "SAME_UPPER").Run1();
        var lower = new OpRunner("Conv").In(x).Const(w).Attr("auto_pad", "SAME_LOWER").Run1();
        Assert.Equal(new[] { 1, 1, 4, 4 }, upper.Shape);
        Assert.Equal(new[] { 1, 1, 4, 4 }, lower.Shape);
        Assert.Equal(0 + 1 + 4 + 5, upper.Floats[0]);
        Assert.Equal(15, upper.Floats[15]); // bottom-right window holds only x[3,3]
        Assert.Equal(0, lower.Floats[0]);   // top-left window holds only x[0,0]
        Assert.Equal(10 + 11 + 14 + 15, lower.Floats[15]);
    }

    [Fact]
    public void Same_upper_with_stride_gives_ceil_of_input_over_stride()
    {
        var y = new OpRunner("Conv").In(Make.Random(4, 1, 1, 7, 5)).Const(Make.Random(5, 2, 1, 3, 3))
            .Attr("auto_pad", "SAME_UPPER").Attr("strides", 2L, 2L).Run1();
        Assert.Equal(new[] { 1, 2, 4, 3 }, y.Shape);
    }

    [Fact]
    public void Valid_uses_no_padding()
    {
        var x = Make.Random(6, 1, 2, 6, 5);
        var w = Make.Random(7, 3, 2, 3, 2);
        var y = new OpRunner("Conv").In(x).Const(w).Attr("auto_pad", "VALID").Attr("strides", 2L, 1L).Run1();
        var expected = NaiveConv2D(x, w, null, 1, new[] { 2, 1 }, new[] { 1, 1 }, new[] { 0, 0, 0, 0 }, out var shape);
        Assert.Equal(new[] { 1, 3, 2, 4 }, shape);
        Assert.Equal(shape, y.Shape);
        Make.Close(expected, y);
    }

    [Fact]
    public void Kernel_shape_attribute_matches_the_weights()
    {
        var y = new OpRunner("Conv").In(Make.Random(8, 1, 1, 4, 4)).Const(Make.Random(9, 1, 1, 3, 3)).Attr("kernel_shape", 3L, 3L).Run1();
        Assert.Equal(new[] { 1, 1, 2, 2 }, y.Shape);
    }

    [Fact]
    public void Symbolic_batch_and_known_spatial_dims_infer()
    {
        var shape = new OpRunner("Conv").Sym(DataType.Float32, Dim.Sym("batch"), 3, 32, 32).Const(Make.Random(1, 8, 3, 3, 3))
            .Attr("strides", 2L, 2L).Attr("pads", 1L, 1L, 1L, 1L).InferShape();
        Assert.Equal(Make.Shape(Dim.Sym("batch"), 8, 16, 16), shape);
    }

    [Fact]
    public void Unsupported_forms_are_refused_with_a_reason()
    {
        var ints = new OpRunner("Conv").In(Make.I(Make.S(1, 1, 3, 3), new int[9])).Const(Make.I(Make.S(1, 1, 1, 1), 1));
        Assert.Contains("int32", ints.Refusal());
        var badPad = new OpRunner("Conv").In(Make.Random(1, 1, 1, 3, 3)).Const(Make.Random(1, 1, 1, 1, 1)).Attr("auto_pad", "FULL");
        Assert.Contains("auto_pad", badPad.Refusal());
    }
}

public class ConvIntegerTests
{
    [Fact]
    public void Zero_points_are_subtracted_and_sums_are_exact_int32()
    {
        // x - 1 = 1..9 over a 3x3 plane; a 2x2 kernel of ones sums each 2x2 block.
        var x = Make.U8(Make.S(1, 1, 3, 3), 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var w = Make.U8(Make.S(1, 1, 2, 2), 1, 1, 1, 1);
        var y = new OpRunner("ConvInteger", 10).In(x).Const(w).Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 1 })).Run1();
        Assert.Equal(DataType.Int32, y.Type);
        Assert.Equal(new[] { 12, 16, 24, 28 }, y.Int32s);
    }

    [Fact]
    public void Int8_weights_with_a_per_channel_zero_point()
    {
        var x = Make.I8(Make.S(1, 1, 2), -3, 4);
        var w = Make.I8(Make.S(2, 1, 1), 5, -2);
        var y = new OpRunner("ConvInteger", 10).In(x).Const(w).Missing().Const(Make.I8(Make.S(2), 1, -2)).Run1();
        // channel 0: x * (5 - 1) = -12, 16; channel 1: x * (-2 + 2) = 0, 0.
        Assert.Equal(new[] { -12, 16, 0, 0 }, y.Int32s);
    }

    [Fact]
    public void QLinearConv_requantises_and_saturates()
    {
        // Real x = 0.5 * ([10, 20] - 10) = [0, 5]; real w = 1 * (3 - 1) = 2; y = [0, 10] at scale 0.25 around 100.
        static OpRunner Op(int bias) => new OpRunner("QLinearConv", 10).In(Make.U8(Make.S(1, 1, 2), 10, 20))
            .Const(Tensor.Scalar(0.5f)).Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 10 }))
            .Const(Make.U8(Make.S(1, 1, 1), 3)).Const(Tensor.Scalar(1f)).Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 1 }))
            .Const(Tensor.Scalar(0.25f)).Const(new Tensor(DataType.UInt8, Array.Empty<int>(), new byte[] { 100 }))
            .Const(Make.I(Make.S(1), bias));
        Assert.Equal(new byte[] { 100, 140 }, Op(0).Run1().UInt8s);
        // A bias of 60 integer units adds 120 quantised steps: 220 and 260, which saturates at 255.
        Assert.Equal(new byte[] { 220, 255 }, Op(60).Run1().UInt8s);
    }
}
