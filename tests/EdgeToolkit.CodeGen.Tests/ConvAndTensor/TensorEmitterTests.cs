using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>Data-movement kernels on several element types, against the reference evaluator.</summary>
public class TensorEmitterTests
{
    /// <summary>A one-node graph over random inputs of the given types; extra constant inputs come from constants.</summary>
    private static void Check(string op, (DataType Type, int[] Shape)[] inputs, Dictionary<string, Tensor>? constants = null,
        int outputs = 1, DataType? outType = null, params NodeAttribute[] attrs)
    {
        var b = new GraphBuilder("t_" + op.ToLowerInvariant());
        var names = new List<string>();
        var feed = new Dictionary<string, Tensor>();
        for (int i = 0; i < inputs.Length; i++)
        {
            var n = b.Input($"x{i}", inputs[i].Type, inputs[i].Shape.Select(d => (long)d).ToArray());
            names.Add(n);
            feed[n] = KernelCheck.RandomOf(inputs[i].Type, inputs[i].Shape, 10 + i);
        }
        foreach (var (name, t) in constants ?? new()) names.Add(name.Length == 0 ? "" : b.Constant(name, t));
        var type = outType ?? inputs[0].Type;
        if (outputs == 1) b.Output(b.OpNamed("n", op, names.ToArray(), attrs), type);
        else foreach (var o in b.OpMulti("n", op, names.ToArray(), outputs, attrs)) b.Output(o, type);
        KernelCheck.AssertMatchesReference(b.Graph, feed);
    }

    private static (DataType, int[]) In(DataType t, params int[] shape) => (t, shape);
    private static NodeAttribute Ints(string name, params long[] v) => NodeAttribute.Of(name, v);
    private static Dictionary<string, Tensor> Consts(params (string, Tensor)[] c) => c.ToDictionary(p => p.Item1, p => p.Item2);

    [Theory]
    [InlineData(DataType.Float32)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.UInt8)]
    public void Transpose_general_permutation(DataType t) => Check("Transpose", new[] { In(t, 2, 3, 4, 5) }, attrs: Ints("perm", 0, 3, 1, 2));

    [Fact] public void Transpose_default_reverses() => Check("Transpose", new[] { In(DataType.Int16, 3, 1, 4) });

    [Theory]
    [InlineData(DataType.Float32, 1)]
    [InlineData(DataType.Int32, -1)]
    [InlineData(DataType.Bool, 0)]
    public void Concat_three_inputs(DataType t, long axis) =>
        Check("Concat", new[] { In(t, 2, 3, 4), In(t, 2, 3, 4), In(t, 2, 3, 4) }, attrs: NodeAttribute.Of("axis", axis));

    [Fact]
    public void Concat_unequal_sizes() =>
        Check("Concat", new[] { In(DataType.Float32, 2, 1, 3), In(DataType.Float32, 2, 4, 3) }, attrs: NodeAttribute.Of("axis", 1L));

    [Fact]
    public void Split_with_sizes() =>
        Check("Split", new[] { In(DataType.Float32, 2, 7, 3) }, Consts(("split", Tensor.Vector(2L, 5L))), outputs: 2, attrs: NodeAttribute.Of("axis", 1L));

    [Fact] public void Split_equal_int8() => Check("Split", new[] { In(DataType.Int8, 6, 4) }, outputs: 3);

    [Theory]
    [InlineData(DataType.Float32)]
    [InlineData(DataType.Int16)]
    public void Slice_with_negative_step_and_clamping(DataType t) =>
        Check("Slice", new[] { In(t, 4, 10, 6) }, Consts(("starts", Tensor.Vector(-1L, 1L, 0L)), ("ends", Tensor.Vector(-100L, 9L, 1000L)),
            ("axes", Tensor.Vector(1L, 0L, 2L)), ("steps", Tensor.Vector(-3L, 2L, 2L))));

    [Fact]
    public void Slice_without_axes_and_steps() =>
        Check("Slice", new[] { In(DataType.Float64, 5, 6) }, Consts(("starts", Tensor.Vector(1L, -4L)), ("ends", Tensor.Vector(4L, -1L))));

    [Fact]
    public void Gather_constant_indices_axis1() =>
        Check("Gather", new[] { In(DataType.Float32, 3, 5, 2) }, Consts(("idx", Tensor.FromInt64s(new[] { 2, 2 }, new long[] { 4, -1, 0, 2 }))),
            attrs: NodeAttribute.Of("axis", 1L));

    [Fact]
    public void Gather_constant_scalar_index() =>
        Check("Gather", new[] { In(DataType.Int32, 4, 3) }, Consts(("idx", Tensor.Scalar(-2L))));

    [Theory]
    [InlineData(DataType.Int32)]
    [InlineData(DataType.Int64)]
    public void Gather_runtime_indices(DataType indexType)
    {
        var b = new GraphBuilder("gather_rt");
        var x = b.Input("x", DataType.Float32, 6, 4);
        var i = b.Input("i", indexType, 3);
        b.Output(b.OpNamed("g", "Gather", new[] { x, i }, NodeAttribute.Of("axis", 0L)));
        var idx = indexType == DataType.Int32 ? Tensor.FromInt32s(new[] { 3 }, new[] { 5, -6, 2 }) : Tensor.FromInt64s(new[] { 3 }, new long[] { -1, 0, 3 });
        KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.Random(new[] { 6, 4 }, 2), ["i"] = idx });
    }

    [Theory]
    [InlineData("constant", DataType.Float32)]
    [InlineData("constant", DataType.Int32)]
    [InlineData("reflect", DataType.Float32)]
    [InlineData("edge", DataType.UInt8)]
    public void Pad_modes(string mode, DataType t)
    {
        var value = t == DataType.Float32 ? Tensor.Scalar(1.5f) : new Tensor(t, Array.Empty<int>(), t == DataType.Int32 ? new[] { -7 } : new byte[] { 9 });
        Check("Pad", new[] { In(t, 2, 4, 5) }, Consts(("pads", Tensor.Vector(0L, 2L, 3L, 1L, 1L, 2L)), ("value", value)), attrs: NodeAttribute.Of("mode", mode));
    }

    [Fact]
    public void Pad_negative_crops() =>
        Check("Pad", new[] { In(DataType.Float32, 3, 6) }, Consts(("pads", Tensor.Vector(-1L, 2L, 0L, -3L))));

    [Theory]
    [InlineData(DataType.Float32, DataType.Int32)]
    [InlineData(DataType.Int64, DataType.Float32)]
    [InlineData(DataType.UInt8, DataType.Float32)]
    [InlineData(DataType.Float32, DataType.Bool)]
    [InlineData(DataType.Int8, DataType.Int32)]
    public void Cast_between_types(DataType from, DataType to) =>
        Check("Cast", new[] { In(from, 3, 7) }, outType: to, attrs: NodeAttribute.Of("to", (long)to));

    [Fact]
    public void Expand_broadcasts() =>
        Check("Expand", new[] { In(DataType.Float32, 3, 1) }, Consts(("shape", Tensor.Vector(2L, 3L, 4L))));

    [Fact]
    public void Tile_repeats() =>
        Check("Tile", new[] { In(DataType.Int64, 2, 3) }, Consts(("repeats", Tensor.Vector(2L, 3L))));

    [Theory]
    [InlineData("DCR", DataType.Float32)]
    [InlineData("CRD", DataType.Int8)]
    public void DepthToSpace_modes(string mode, DataType t) =>
        Check("DepthToSpace", new[] { In(t, 2, 8, 3, 2) }, attrs: new[] { NodeAttribute.Of("blocksize", 2L), NodeAttribute.Of("mode", mode) });

    [Fact]
    public void SpaceToDepth_blocks() =>
        Check("SpaceToDepth", new[] { In(DataType.Float32, 1, 3, 6, 4) }, attrs: NodeAttribute.Of("blocksize", 2L));

    [Fact]
    public void Reshape_family_aliases_without_code()
    {
        var b = new GraphBuilder("alias");
        var x = b.Input("x", DataType.Float32, 2, 3, 4);
        var y = b.OpNamed("flat", "Flatten", new[] { x }, NodeAttribute.Of("axis", 2L));
        y = b.OpNamed("unsq", "Unsqueeze", new[] { y, b.Constant("axes", Tensor.Vector(0L)) });
        y = b.OpNamed("sq", "Squeeze", new[] { y, b.Constant("axes2", Tensor.Vector(0L)) });
        y = b.OpNamed("reshape", "Reshape", new[] { y, b.Constant("shape", Tensor.Vector(4L, -1L)) });
        y = b.OpNamed("id", "Identity", new[] { y });
        y = b.OpNamed("t", "Transpose", new[] { y });
        b.Output(y);
        var program = KernelCheck.AssertMatchesReference(b.Graph, new() { ["x"] = KernelCheck.Random(new[] { 2, 3, 4 }, 1) });
        // Only the transpose writes a buffer: every alias reuses its input's.
        Assert.Equal(2, program.ModelC.Split('\n').Count(l => l.StartsWith("static float buf_")));
    }
}
