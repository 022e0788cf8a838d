using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Tests;

/// <summary>Zoo models, small hand-built graphs, and helpers that make pruning provably lossless for a check.</summary>
internal static class TestModels
{
    public static readonly (string, string)[] DecoderStates = { ("past_keys", "present_keys"), ("past_values", "present_values") };

    public static string Root
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d != null && !File.Exists(Path.Combine(d.FullName, "EdgeToolkit.sln"))) d = d.Parent;
            return d?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static ModelGraph Zoo(string name) => OnnxImporter.Load(Path.Combine(Root, "models", name, "model.onnx"));

    public static Tensor Random(int[] shape, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var data = new float[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return Tensor.FromFloats(shape, data);
    }

    /// <summary>
    /// Zeroes what the given units produce (filters, biases, norm scales and shifts), so that their
    /// channels carry exact zeros through ReLU/tanh/GELU and removing them cannot change the outputs.
    /// </summary>
    public static ModelGraph Silence(ModelGraph graph, ChannelGroup group, IEnumerable<int> units)
    {
        var g = graph.Clone();
        var gone = units.ToList();
        foreach (var m in group.Weights.Where(m => m.Role != MemberRole.Consumer))
        {
            var t = g.Initializers[m.Dim.Value].Clone();
            var data = t.Floats;
            int outer = 1, inner = 1, axis = m.Dim.Axis;
            for (int a = 0; a < axis; a++) outer *= t.Shape[a];
            for (int a = axis + 1; a < t.Rank; a++) inner *= t.Shape[a];
            foreach (var u in gone)
                foreach (var i in m.UnitIndices[u])
                    for (int o = 0; o < outer; o++)
                        Array.Clear(data, (o * t.Shape[axis] + i) * inner, inner);
            g.Initializers[m.Dim.Value] = t;
        }
        return g;
    }

    /// <summary>x [1, 6] -> Gemm 8 relu -> two branches Gemm 8 each, added (a residual-like join) -> tanh -> Gemm 3.</summary>
    public static ModelGraph Joined()
    {
        var b = new GraphBuilder("joined");
        b.Input("x", DataType.Float32, 1, 6);
        var h = b.OpNamed("fc1", "Gemm", new[] { "x", b.Constant("w1", Random(new[] { 8, 6 }, 1)), b.Constant("b1", Random(new[] { 8 }, 2)) }, NodeAttribute.Of("transB", 1L));
        h = b.OpNamed("relu1", "Relu", new[] { h });
        var l = b.OpNamed("left", "Gemm", new[] { h, b.Constant("wl", Random(new[] { 8, 10 }, 3)), b.Constant("bl", Random(new[] { 10 }, 4)) });
        var r = b.OpNamed("right", "MatMul", new[] { h, b.Constant("wr", Random(new[] { 8, 10 }, 5)) });
        var s = b.OpNamed("join", "Add", new[] { l, r });
        s = b.OpNamed("act", "Tanh", new[] { s });
        var y = b.OpNamed("out", "Gemm", new[] { s, b.Constant("wo", Random(new[] { 10, 3 }, 6)) });
        b.Output(b.Rename(y, "y"));
        return b.Graph;
    }

    /// <summary>image [1, 2, 6, 6] -> Conv 4 -> Relu -> depthwise Conv 4 -> Concat with another Conv 3 -> Relu -> Flatten -> Gemm 5.</summary>
    public static ModelGraph ConvConcat()
    {
        var b = new GraphBuilder("convs");
        b.Input("image", DataType.Float32, 1, 2, 6, 6);
        var pad = NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 });
        var a = b.OpNamed("conv_a", "Conv", new[] { "image", b.Constant("wa", Random(new[] { 4, 2, 3, 3 }, 7)), b.Constant("ba", Random(new[] { 4 }, 8)) }, pad);
        a = b.OpNamed("relu_a", "Relu", new[] { a });
        a = b.OpNamed("dw", "Conv", new[] { a, b.Constant("wd", Random(new[] { 4, 1, 3, 3 }, 9)), b.Constant("bd", Random(new[] { 4 }, 10)) },
            pad, NodeAttribute.Of("group", 4L));
        var c = b.OpNamed("conv_b", "Conv", new[] { "image", b.Constant("wb", Random(new[] { 3, 2, 3, 3 }, 11)) }, pad);
        var cat = b.OpNamed("cat", "Concat", new[] { a, c }, NodeAttribute.Of("axis", 1L));
        cat = b.OpNamed("relu", "Relu", new[] { cat });
        var flat = b.OpNamed("flat", "Flatten", new[] { cat }, NodeAttribute.Of("axis", 1L));
        var y = b.OpNamed("fc", "Gemm", new[] { flat, b.Constant("wf", Random(new[] { 5, 7 * 36 }, 12)) }, NodeAttribute.Of("transB", 1L));
        b.Output(b.Rename(y, "y"));
        return b.Graph;
    }
}
