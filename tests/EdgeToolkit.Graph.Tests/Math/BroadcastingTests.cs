using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Tests.MathOps;

public class BroadcastingTests
{
    [Fact]
    public void Concrete_shapes_align_on_the_right()
    {
        Assert.Equal(new[] { 2, 3, 4 }, Broadcasting.Shapes(new[] { 2, 1, 4 }, new[] { 3, 1 }));
        Assert.Equal(new[] { 0, 3 }, Broadcasting.Shapes(new[] { 0, 1 }, new[] { 3 }));
        Assert.Empty(Broadcasting.Shapes(Array.Empty<int>(), Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => Broadcasting.Shapes(new[] { 2 }, new[] { 3 }));
    }

    [Fact]
    public void Index_map_repeats_broadcast_dims()
    {
        // [2,1] onto [2,3]: each row repeats its one element; [3] onto [2,3]: the row repeats.
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 1 }, Broadcasting.IndexMap(new[] { 2, 3 }, new[] { 2, 1 }));
        Assert.Equal(new[] { 0, 1, 2, 0, 1, 2 }, Broadcasting.IndexMap(new[] { 2, 3 }, new[] { 3 }));
        Assert.Equal(new[] { 0, 0 }, Broadcasting.IndexMap(new[] { 2 }, Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => Broadcasting.IndexMap(new[] { 2 }, new[] { 3 }));
    }

    [Fact]
    public void Symbolic_dims_combine_as_onnx_inference_does()
    {
        Dim n = Dim.Sym("n"), m = Dim.Sym("m");
        Assert.Equal(n, Broadcasting.Combine(n, Dim.Of(1)));
        Assert.Equal(Dim.Of(4), Broadcasting.Combine(n, Dim.Of(4)));
        Assert.Equal(n, Broadcasting.Combine(n, n));
        Assert.False(Broadcasting.Combine(n, m).IsKnown);
        Assert.Throws<InvalidOperationException>(() => Broadcasting.Combine(Dim.Of(2), Dim.Of(3)));
    }

    [Fact]
    public void Unidirectional_check()
    {
        Assert.True(Broadcasting.CanBroadcastTo(SymShape.Of(3, 1, 1), SymShape.Of(2, 3, 4, 4)));
        Assert.False(Broadcasting.CanBroadcastTo(SymShape.Of(2, 4), SymShape.Of(4)));
        Assert.False(Broadcasting.CanBroadcastTo(SymShape.Of(3), SymShape.Of(2, 4)));
    }

    [Fact]
    public void Axes_normalize_negative_and_reject_out_of_range_or_repeats()
    {
        Assert.Equal(2, Axes.Normalize(-1, 3));
        Assert.Equal(new[] { 0, 2 }, Axes.Normalize(new long[] { 0, -1 }, 3));
        Assert.Throws<ArgumentException>(() => Axes.Normalize(3, 3));
        Assert.Throws<ArgumentException>(() => Axes.Normalize(-4, 3));
        Assert.Throws<ArgumentException>(() => Axes.Normalize(new long[] { 1, -2 }, 3));
    }
}
