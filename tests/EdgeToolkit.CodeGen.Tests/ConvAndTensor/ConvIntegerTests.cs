using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>ConvInteger against the reference evaluator: exact int32 results, zero points as constants or inputs.</summary>
public class ConvIntegerTests
{
    [Theory]
    [InlineData(DataType.UInt8, DataType.Int8, false, 1)]
    [InlineData(DataType.Int8, DataType.UInt8, true, 2)]
    [InlineData(DataType.UInt8, DataType.UInt8, true, 1)]
    public void ConvInteger_matches_reference(DataType xType, DataType wType, bool perChannelWZero, int group)
    {
        var b = new GraphBuilder("convint");
        var x = b.Input("x", xType, 1, 4, 7, 6);
        var w = b.Constant("w", KernelCheck.RandomOf(wType, new[] { 6, 4 / group, 3, 2 }, 2));
        var xz = b.Input("xz", xType, Array.Empty<long>());
        var wz = b.Constant("wz", KernelCheck.RandomOf(wType, perChannelWZero ? new[] { 6 } : Array.Empty<int>(), 3));
        b.Output(b.OpNamed("c", "ConvInteger", new[] { x, w, xz, wz }, NodeAttribute.Of("pads", new long[] { 1, 0, 2, 1 }),
            NodeAttribute.Of("strides", new long[] { 2, 1 }), NodeAttribute.Of("group", (long)group)), DataType.Int32);
        var inputs = new Dictionary<string, Tensor>
        {
            ["x"] = KernelCheck.RandomOf(xType, new[] { 1, 4, 7, 6 }, 1),
            ["xz"] = KernelCheck.RandomOf(xType, Array.Empty<int>(), 4),
        };
        KernelCheck.AssertMatchesReference(b.Graph, inputs);
    }

    [Fact]
    public void ConvInteger_without_zero_points_1d()
    {
        var b = new GraphBuilder("convint1d");
        var x = b.Input("x", DataType.Int8, 2, 3, 9);
        var w = b.Input("w", DataType.Int8, 4, 3, 3);
        b.Output(b.OpNamed("c", "ConvInteger", new[] { x, w }, NodeAttribute.Of("dilations", new long[] { 2 })), DataType.Int32);
        KernelCheck.AssertMatchesReference(b.Graph, new()
        {
            ["x"] = KernelCheck.RandomOf(DataType.Int8, new[] { 2, 3, 9 }, 5),
            ["w"] = KernelCheck.RandomOf(DataType.Int8, new[] { 4, 3, 3 }, 6),
        });
    }

    /// <summary>QLinearConv: requantised results are compared exactly (integers), with per-channel weight scales and a bias.</summary>
    [Theory]
    [InlineData(DataType.UInt8, DataType.UInt8, true)]
    [InlineData(DataType.Int8, DataType.Int8, false)]
    public void QLinearConv_matches_reference(DataType xType, DataType wType, bool perChannel)
    {
        var b = new GraphBuilder("qconv");
        var x = b.Input("x", xType, 1, 3, 6, 7);
        int m = 4;
        var wScale = perChannel ? Tensor.FromFloats(new[] { m }, new[] { 0.011f, 0.02f, 0.007f, 0.015f }) : Tensor.Scalar(0.013f);
        var ins = new[]
        {
            x, b.Constant("xs", Tensor.Scalar(0.05f)), b.Constant("xz", KernelCheck.RandomOf(xType, Array.Empty<int>(), 1)),
            b.Constant("w", KernelCheck.RandomOf(wType, new[] { m, 3, 3, 3 }, 2)), b.Constant("ws", wScale),
            b.Constant("wz", KernelCheck.RandomOf(wType, perChannel ? new[] { m } : Array.Empty<int>(), 3)),
            b.Constant("ys", Tensor.Scalar(0.25f)), b.Constant("yz", KernelCheck.RandomOf(xType, Array.Empty<int>(), 4)),
            b.Constant("bias", Tensor.FromInt32s(new[] { m }, new[] { 100, -250, 7, 0 })),
        };
        b.Output(b.OpNamed("q", "QLinearConv", ins, NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })), xType);
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.RandomOf(xType, new[] { 1, 3, 6, 7 }, 5) });
    }
}
