using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>Standalone pooling and BatchNormalization kernels against the reference evaluator.</summary>
public class PoolEmitterTests
{
    private static void Check(string op, long[] inputShape, params NodeAttribute[] attrs) => Check(op, inputShape, DataType.Float32, attrs);

    private static void Check(string op, long[] inputShape, DataType type, params NodeAttribute[] attrs)
    {
        var b = new GraphBuilder("pool");
        var x = b.Input("x", type, inputShape);
        b.Output(b.OpNamed("p", op, new[] { x }, attrs), type);
        var shape = inputShape.Select(d => (int)d).ToArray();
        var input = type == DataType.Float32 ? KernelCheck.Random(shape, 4) : KernelCheck.RandomOf(type, shape, 4);
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = input });
    }

    private static NodeAttribute Ints(string name, params long[] v) => NodeAttribute.Of(name, v);

    [Fact] public void MaxPool_2x2_stride2() => Check("MaxPool", new long[] { 1, 3, 8, 9 }, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));

    [Fact]
    public void MaxPool_pads_dilations_ceil_mode() =>
        Check("MaxPool", new long[] { 2, 2, 10, 11 }, Ints("kernel_shape", 3, 2), Ints("strides", 2, 3), Ints("pads", 1, 1, 1, 0),
            Ints("dilations", 2, 1), NodeAttribute.Of("ceil_mode", 1L));

    [Fact] public void MaxPool_1d_same_upper() => Check("MaxPool", new long[] { 1, 4, 13 }, Ints("kernel_shape", 3), Ints("strides", 2), NodeAttribute.Of("auto_pad", "SAME_UPPER"));

    [Fact] public void MaxPool_int8() => Check("MaxPool", new long[] { 1, 2, 6, 6 }, DataType.Int8, Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));

    /// <summary>Both outputs of MaxPool; the input has repeated values so ties (the first maximum wins) are exercised.</summary>
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void MaxPool_with_indices(long storageOrder)
    {
        var b = new GraphBuilder("pool_indices");
        var x = b.Input("x", DataType.Float32, 2, 3, 7, 6);
        var outs = b.OpMulti("p", "MaxPool", new[] { x }, 2, Ints("kernel_shape", 3, 2), Ints("strides", 2, 2), Ints("pads", 1, 0, 1, 1),
            NodeAttribute.Of("storage_order", storageOrder));
        b.Output(outs[0]).Output(outs[1], DataType.Int64);
        var input = KernelCheck.Random(new[] { 2, 3, 7, 6 }, 6);
        for (int i = 0; i < input.Length; i += 3) input.Floats[i] = MathF.Round(input.Floats[i] * 2) / 2;
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = input });
    }

    [Fact]
    public void MaxPool_1d_with_indices()
    {
        var b = new GraphBuilder("pool_indices_1d");
        var x = b.Input("x", DataType.Float32, 1, 2, 11);
        var outs = b.OpMulti("p", "MaxPool", new[] { x }, 2, Ints("kernel_shape", 3), Ints("strides", 2), NodeAttribute.Of("storage_order", 1L));
        b.Output(outs[0]).Output(outs[1], DataType.Int64);
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.Random(new[] { 1, 2, 11 }, 8) });
    }

    [Fact]
    public void AveragePool_excluding_pads() =>
        Check("AveragePool", new long[] { 1, 3, 9, 9 }, Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1));

    [Fact]
    public void AveragePool_count_include_pad_ceil_mode() =>
        Check("AveragePool", new long[] { 1, 2, 10, 7 }, Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 0, 1, 1),
            NodeAttribute.Of("count_include_pad", 1L), NodeAttribute.Of("ceil_mode", 1L));

    [Fact] public void AveragePool_1d() => Check("AveragePool", new long[] { 2, 3, 12 }, Ints("kernel_shape", 4), Ints("strides", 3), Ints("pads", 2, 1));

    [Fact] public void GlobalAveragePool_2d() => Check("GlobalAveragePool", new long[] { 2, 5, 7, 6 });

    [Fact] public void GlobalMaxPool_1d() => Check("GlobalMaxPool", new long[] { 1, 4, 11 });

    [Fact]
    public void BatchNormalization_with_fused_relu()
    {
        var b = new GraphBuilder("bn");
        var x = b.Input("x", DataType.Float32, 2, 3, 4, 5);
        var scale = b.Constant("scale", KernelCheck.Random(new[] { 3 }, 1));
        var bias = b.Constant("bias", KernelCheck.Random(new[] { 3 }, 2));
        var mean = b.Constant("mean", KernelCheck.Random(new[] { 3 }, 3));
        var variance = b.Constant("var", Tensor.FromFloats(new[] { 3 }, new[] { 0.5f, 1.5f, 2f }));
        var y = b.OpNamed("bn", "BatchNormalization", new[] { x, scale, bias, mean, variance }, NodeAttribute.Of("epsilon", 1e-3f));
        y = b.OpNamed("relu", "Relu", new[] { y });
        b.Output(y);
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.Random(new[] { 2, 3, 4, 5 }, 9) },
            g => KernelCheck.Fuse(g, "bn", "relu"));
    }
}

/// <summary>MaxPool's indices fed to MaxUnpool, with the default and a larger output shape.</summary>
public class MaxUnpoolEmitterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MaxPool_then_MaxUnpool_matches_reference(bool outputShape)
    {
        var b = new GraphBuilder("unpool");
        var x = b.Input("x", DataType.Float32, 1, 2, 6, 8); // even sizes: MaxPool indices are flat in the shape MaxUnpool restores
        var k = NodeAttribute.Of("kernel_shape", new long[] { 2, 2 });
        var s = NodeAttribute.Of("strides", new long[] { 2, 2 });
        var pooled = b.OpMulti("p", "MaxPool", new[] { x }, 2, k, s);
        var ins = outputShape ? new[] { pooled[0], pooled[1], b.Constant("shape", Tensor.Vector(1L, 2L, 7L, 9L)) } : new[] { pooled[0], pooled[1] };
        b.Output(b.OpNamed("u", "MaxUnpool", ins, k, s));
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.Random(new[] { 1, 2, 6, 8 }, 3) });
    }
}
