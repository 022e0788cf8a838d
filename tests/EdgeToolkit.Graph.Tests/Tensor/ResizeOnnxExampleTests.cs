namespace EdgeToolkit.Graph.Tests.TensorOps;

/// <summary>
/// The ONNX operator documentation's Resize examples (as computed by the ONNX reference
/// implementation), one per coordinate transform, nearest mode and interpolation.
/// </summary>
public class ResizeOnnxExampleTests
{
    private static readonly float[] OneTo16 = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();

    private static Tensor Run(string mode, string transform, int h, int w, float[] data, float[]? scales, long[]? sizes,
        float cubicA = -0.75f, bool excludeOutside = false, string nearest = "round_prefer_floor")
    {
        var op = new OpRunner("Resize", 19).In(Make.F(Make.S(1, 1, h, w), data)).Missing();
        if (scales != null) op.Const(Tensor.Vector(new float[] { 1, 1 }.Concat(scales).ToArray())); else op.Missing();
        if (sizes != null) op.Const(Tensor.Vector(new long[] { 1, 1 }.Concat(sizes).ToArray()));
        op.Attr("mode", mode).Attr("coordinate_transformation_mode", transform).Attr("nearest_mode", nearest)
            .Attr("cubic_coeff_a", cubicA).Attr("exclude_outside", excludeOutside ? 1L : 0L);
        return op.Run1();
    }

    private static void Expect(Tensor y, int oh, int ow, params float[] expectedPrefix)
    {
        Assert.Equal(new[] { 1, 1, oh, ow }, y.Shape);
        Make.Close(expectedPrefix, Tensor.FromFloats(Make.S(expectedPrefix.Length), y.Floats.Take(expectedPrefix.Length).ToArray()));
    }

    [Fact]
    public void Downsample_scales_cubic() => Expect(Run("cubic", "half_pixel", 4, 4, OneTo16, new[] { 0.8f, 0.8f }, null), 3, 3,
        1.47119141f, 2.78125f, 4.08251953f, 6.71142578f, 8.02148438f, 9.32275391f, 11.91650391f, 13.2265625f, 14.52783203f);

    [Fact]
    public void Downsample_scales_cubic_A_minus_half_exclude_outside() => Expect(
        Run("cubic", "half_pixel", 4, 4, OneTo16, new[] { 0.8f, 0.8f }, null, -0.5f, true), 3, 3,
        1.36812675f, 2.6695014f, 4.0133367f, 6.57362535f, 7.875f, 9.2188353f, 11.94896657f, 13.25034122f, 14.59417652f);

    [Fact]
    public void Downsample_scales_cubic_align_corners() => Expect(Run("cubic", "align_corners", 4, 4, OneTo16, new[] { 0.8f, 0.8f }, null), 3, 3,
        1.0f, 2.39519159f, 3.79038317f, 6.58076634f, 7.97595793f, 9.37114951f, 12.16153268f, 13.55672427f, 14.95191585f);

    [Fact]
    public void Downsample_sizes_cubic() => Expect(Run("cubic", "half_pixel", 4, 4, OneTo16, null, new long[] { 3, 3 }), 3, 3,
        1.63078704f, 3.00462963f, 4.37847222f, 7.12615741f, 8.5f, 9.87384259f, 12.62152778f, 13.99537037f, 15.36921296f);

    [Fact]
    public void Downsample_scales_linear_align_corners() => Expect(
        Run("linear", "align_corners", 2, 4, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new[] { 0.6f, 0.6f }, null), 1, 2, 1.0f, 3.142857f);

    [Fact]
    public void Downsample_scales_linear_half_pixel_symmetric() => Expect(
        Run("linear", "half_pixel_symmetric", 1, 4, new float[] { 1, 2, 3, 4 }, new[] { 1.0f, 0.6f }, null), 1, 2, 1.6666667f, 3.3333333f);

    [Fact]
    public void Downsample_sizes_linear_pytorch_half_pixel() => Expect(
        Run("linear", "pytorch_half_pixel", 4, 4, OneTo16, null, new long[] { 3, 1 }), 3, 1, 1.6666666f, 7.0f, 12.333333f);

    [Fact]
    public void Upsample_scales_cubic_A_minus_half_exclude_outside() => Expect(
        Run("cubic", "half_pixel", 4, 4, OneTo16, new[] { 2f, 2f }, null, -0.5f, true), 8, 8,
        0.55882353f, 0.81494204f, 1.35698249f, 1.89705882f, 2.39705882f, 2.93713516f, 3.47917561f, 3.73529412f);

    [Fact]
    public void Upsample_scales_cubic_asymmetric() => Expect(Run("cubic", "asymmetric", 4, 4, OneTo16, new[] { 2f, 2f }, null), 8, 8,
        1.0f, 1.40625f, 2.0f, 2.5f, 3.0f, 3.59375f, 4.0f, 4.09375f, 2.625f, 3.03125f, 3.625f, 4.125f, 4.625f, 5.21875f, 5.625f, 5.71875f);

    [Fact]
    public void Upsample_scales_linear_half_pixel_symmetric() => Expect(
        Run("linear", "half_pixel_symmetric", 2, 2, new float[] { 1, 2, 3, 4 }, new[] { 2.3f, 2.94f }, null), 4, 5,
        1.0f, 1.15986395f, 1.5f, 1.84013605f, 2.0f, 1.56521738f, 1.72508133f, 2.06521738f, 2.40535343f, 2.56521738f);

    [Fact]
    public void Upsample_sizes_cubic() => Expect(Run("cubic", "half_pixel", 4, 4, OneTo16, null, new long[] { 9, 10 }), 9, 10,
        0.45507922f, 0.64057922f, 0.97157922f, 1.42257922f, 1.90732922f, 2.22332922f, 2.70807922f, 3.15907922f, 3.49007922f, 3.67557922f);

    [Fact]
    public void Upsample_sizes_nearest_ceil_half_pixel() => Expect(
        Run("nearest", "half_pixel", 4, 4, OneTo16, null, new long[] { 8, 8 }, nearest: "ceil"), 8, 8,
        1, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 7, 8, 8, 8);

    [Fact]
    public void Upsample_sizes_nearest_floor_align_corners() => Expect(
        Run("nearest", "align_corners", 4, 4, OneTo16, null, new long[] { 8, 8 }, nearest: "floor"), 8, 8,
        1, 1, 1, 2, 2, 3, 3, 4, 1, 1, 1, 2, 2, 3, 3, 4, 1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 5, 6, 6, 7, 7, 8);

    [Fact]
    public void Upsample_sizes_nearest_round_prefer_ceil_asymmetric() => Expect(
        Run("nearest", "asymmetric", 4, 4, OneTo16, null, new long[] { 8, 8 }, nearest: "round_prefer_ceil"), 8, 8,
        1, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 7, 8, 8, 8);
}
