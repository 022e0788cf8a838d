namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>Expected values are the ONNX operator documentation's Resize and Upsample examples.</summary>
public class ResizeTests
{
    private static readonly Tensor TwoByTwo = Make.F(Make.S(1, 1, 2, 2), 1, 2, 3, 4);
    private static readonly Tensor TwoByFour = Make.F(Make.S(1, 1, 2, 4), 1, 2, 3, 4, 5, 6, 7, 8);

    private static OpRunner Resize(Tensor x, float[]? scales, long[]? sizes = null, int opset = 13)
    {
        var op = new OpRunner("Resize", opset).In(x).Missing();
        if (scales != null) op.Const(Tensor.Vector(scales)); else op.Missing();
        if (sizes != null) op.Const(Tensor.Vector(sizes));
        return op;
    }

    [Fact]
    public void Nearest_upsample_by_scales()
    {
        var y = Resize(TwoByTwo, new float[] { 1, 1, 2, 3 }).Run1();
        Assert.Equal(new[] { 1, 1, 4, 6 }, y.Shape);
        Assert.Equal(new float[] { 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4 }, y.Floats);
    }

    [Fact]
    public void Nearest_downsample_by_scales()
    {
        var y = Resize(TwoByFour, new float[] { 1, 1, 0.6f, 0.6f }).Run1();
        Assert.Equal(new[] { 1, 1, 1, 2 }, y.Shape);
        Assert.Equal(new float[] { 1, 3 }, y.Floats);
    }

    [Fact]
    public void Nearest_upsample_by_sizes_rounds_half_down()
    {
        var y = Resize(TwoByTwo, null, new long[] { 1, 1, 7, 8 }).Run1();
        Assert.Equal(new[] { 1, 1, 7, 8 }, y.Shape);
        for (int r = 0; r < 7; r++)
            for (int c = 0; c < 8; c++)
                Assert.Equal((r < 4 ? 1 : 3) + (c < 4 ? 0 : 1), y.Floats[r * 8 + c]);
    }

    [Fact]
    public void Linear_upsample_half_pixel()
    {
        var y = Resize(TwoByTwo, new float[] { 1, 1, 2, 2 }).Attr("mode", "linear").Run1();
        Make.Close(new[] { 1f, 1.25f, 1.75f, 2f, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3f, 3.25f, 3.75f, 4f }, y);
    }

    [Fact]
    public void Linear_upsample_align_corners()
    {
        var y = Resize(TwoByTwo, new float[] { 1, 1, 2, 2 }).Attr("mode", "linear").Attr("coordinate_transformation_mode", "align_corners").Run1();
        float t = 1f / 3;
        Make.Close(new[] { 1, 1 + t, 1 + 2 * t, 2, 1 + 2 * t, 2, 2 + t, 2 + 2 * t, 2 + t, 2 + 2 * t, 3, 3 + t, 3, 3 + t, 3 + 2 * t, 4 }, y);
    }

    [Fact]
    public void Linear_downsample_half_pixel()
    {
        var y = Resize(TwoByFour, new float[] { 1, 1, 0.6f, 0.6f }).Attr("mode", "linear").Run1();
        Make.Close(new[] { 2.6666665f, 4.3333331f }, y);
    }

    [Fact]
    public void Keep_aspect_ratio_not_larger_uses_the_smaller_ratio()
    {
        var y = new OpRunner("Resize", 18).In(TwoByTwo).Missing().Missing().Const(Make.L(7, 8))
            .Attr("axes", 2L, 3L).Attr("keep_aspect_ratio_policy", "not_larger").Run1();
        Assert.Equal(new[] { 1, 1, 7, 7 }, y.Shape);
        Assert.Equal(new float[] { 1, 1, 1, 1, 2, 2, 2 }, y.Floats.Take(7));
    }

    [Fact]
    public void Opset_10_and_upsample_sample_at_x_over_scale_rounded_down()
    {
        var expected = new float[] { 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4 };
        Assert.Equal(expected, new OpRunner("Resize", 10).In(TwoByTwo).Const(Tensor.Vector(1f, 1, 2, 3)).Run1().Floats);
        Assert.Equal(expected, new OpRunner("Upsample", 9).In(TwoByTwo).Const(Tensor.Vector(1f, 1, 2, 3)).Run1().Floats);
        Assert.Equal(expected, new OpRunner("Upsample", 7).In(TwoByTwo).Attr("scales", new float[] { 1, 1, 2, 3 }).Run1().Floats);
    }

    [Fact]
    public void Nearest_moves_any_element_type()
    {
        var y = Resize(Make.U8(Make.S(1, 2), 200, 7), new float[] { 1, 2 }).Attr("coordinate_transformation_mode", "asymmetric").Run1();
        Assert.Equal(new byte[] { 200, 200, 7, 7 }, y.UInt8s);
    }

    [Fact]
    public void Shape_keeps_a_symbolic_batch_under_scale_1()
    {
        var shape = new OpRunner("Resize", 13).Sym(DataType.Float32, Dim.Sym("n"), 3, 8, 8).Missing().Const(Tensor.Vector(1f, 1, 2, 2)).InferShape();
        Assert.Equal(Make.Shape(Dim.Sym("n"), 3, 16, 16), shape);
    }

    [Fact]
    public void Unsupported_forms_are_refused()
    {
        Assert.Contains("cubic", new OpRunner("Resize", 10).In(TwoByTwo).Const(Tensor.Vector(1f, 1, 2, 2)).Attr("mode", "cubic").Refusal());
        Assert.Contains("antialias", new OpRunner("Resize", 18).In(TwoByTwo).Missing().Const(Tensor.Vector(1f, 1, 0.5f, 0.5f)).Attr("mode", "linear").Attr("antialias", 1L).Refusal());
        Assert.Contains("int64", Resize(Make.L(Make.S(1, 2), 1, 2), new float[] { 1, 2 }).Attr("mode", "linear").Refusal());
    }

    [Fact]
    public void Cubic_upsample_half_pixel()
    {
        var x = Make.F(Make.S(1, 1, 4, 4), Enumerable.Range(1, 16).Select(v => (float)v).ToArray());
        var y = Resize(x, new float[] { 1, 1, 2, 2 }).Attr("mode", "cubic").Run1();
        Assert.Equal(new[] { 1, 1, 8, 8 }, y.Shape);
        Make.Close(new[] { 0.47265625f, 0.76953125f, 1.24609375f, 1.875f, 2.28125f, 2.91015625f, 3.38671875f, 3.68359375f,
            1.66015625f, 1.95703125f, 2.43359375f, 3.0625f, 3.46875f, 4.09765625f, 4.57421875f, 4.87109375f }, Tensor.FromFloats(Make.S(16), y.Floats.Take(16).ToArray()));
    }

    [Fact]
    public void Nearest_downsample_by_sizes()
    {
        var y = Resize(TwoByFour, null, new long[] { 1, 1, 1, 3 }).Run1();
        Assert.Equal(new float[] { 1, 2, 4 }, y.Floats);
    }

    private static readonly Tensor OneTo16 = Make.F(Make.S(1, 1, 4, 4), Enumerable.Range(1, 16).Select(v => (float)v).ToArray());

    [Fact]
    public void Tf_crop_and_resize_samples_the_roi()
    {
        var y = new OpRunner("Resize", 13).In(OneTo16).Const(Tensor.Vector(0f, 0, 0.4f, 0.6f, 1, 1, 0.6f, 0.8f)).Missing().Const(Make.L(1, 1, 3, 3))
            .Attr("mode", "linear").Attr("coordinate_transformation_mode", "tf_crop_and_resize").Run1();
        Make.Close(new[] { 7.6000004f, 7.9f, 8.2f, 8.8f, 9.1f, 9.400001f, 10.0f, 10.3f, 10.6f }, y);
    }

    [Fact]
    public void Tf_crop_and_resize_extrapolates_outside_the_input()
    {
        var roi = Tensor.Vector(0f, 0, 0.4f, 0.6f, 1, 1, 1.2f, 1.7f);
        var linear = new OpRunner("Resize", 13).In(OneTo16).Const(roi).Missing().Const(Make.L(1, 1, 3, 3)).Attr("mode", "linear")
            .Attr("coordinate_transformation_mode", "tf_crop_and_resize").Attr("extrapolation_value", 10f).Run1();
        Make.Close(new[] { 7.6000004f, 10, 10, 12.400001f, 10, 10, 10, 10, 10 }, linear);
        var nearest = new OpRunner("Resize", 13).In(OneTo16).Const(roi).Missing().Const(Make.L(1, 1, 3, 3))
            .Attr("coordinate_transformation_mode", "tf_crop_and_resize").Attr("extrapolation_value", 10f).Run1();
        // h samples 1.2, 2.4 (3.6 is outside); w samples 1.8 (3.45 and 5.1 are outside): nearest rounds to (1, 2) and (2, 2).
        Assert.Equal(new float[] { 7, 10, 10, 11, 10, 10, 10, 10, 10 }, nearest.Floats);
    }
}
