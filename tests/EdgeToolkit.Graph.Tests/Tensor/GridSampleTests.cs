namespace EdgeToolkit.Graph.Tests.TensorOps;

public class GridSampleTests
{
    private static readonly Tensor Image = Make.F(Make.S(1, 1, 2, 2), 1, 2, 3, 4);

    private static Tensor Sample(float[] xy, string mode = "bilinear", string padding = "zeros", long alignCorners = 0)
    {
        var grid = Make.F(Make.S(1, 1, xy.Length / 2, 2), xy);
        return new OpRunner("GridSample", 16).In(Image).In(grid).Attr("mode", mode).Attr("padding_mode", padding)
            .Attr("align_corners", alignCorners).Run1();
    }

    [Fact]
    public void Corners_with_align_corners_are_the_pixels()
    {
        var y = Sample(new float[] { -1, -1, 1, -1, -1, 1, 1, 1 }, alignCorners: 1);
        Assert.Equal(new[] { 1, 1, 1, 4 }, y.Shape);
        Make.Close(new[] { 1f, 2f, 3f, 4f }, y);
    }

    [Fact]
    public void Centre_is_the_mean_for_bilinear_and_rounds_half_to_even_for_nearest()
    {
        // Without align_corners, (0, 0) maps to pixel coordinate (0.5, 0.5).
        Make.Close(new[] { 2.5f }, Sample(new float[] { 0, 0 }));
        Make.Close(new[] { 1f }, Sample(new float[] { 0, 0 }, "nearest"));
    }

    [Fact]
    public void Outside_samples_follow_the_padding_mode()
    {
        // With align_corners on a width of 2, normalised x maps to pixel (x + 1) / 2: x = 3 is pixel 2, past the edge.
        Make.Close(new[] { 0f }, Sample(new float[] { 3, -1 }, padding: "zeros", alignCorners: 1));
        Make.Close(new[] { 2f }, Sample(new float[] { 3, -1 }, padding: "border", alignCorners: 1));
        // x = 2 is pixel 1.5, which reflects about the last centre (1) to 0.5: halfway between 1 and 2.
        Make.Close(new[] { 1.5f }, Sample(new float[] { 2, -1 }, padding: "reflection", alignCorners: 1));
    }
}
