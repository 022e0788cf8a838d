namespace EdgeToolkit.Graph.Builders;

/// <summary>
/// The built-in example models: the three shapes the benchmarks compare against hand-optimised C
/// and onnx2c (../shared/notes/anchors.md), with seeded random weights (Glorot-uniform), so that
/// figures are repeatable.
/// </summary>
public static class ExampleModels
{
    public static readonly string[] Names = { "mlp-tanh", "mlp-relu", "cnn" };

    public static ModelGraph Get(string name, int seed = 1) => name switch
    {
        "mlp-tanh" => Mlp("mlp_tanh", new[] { 2, 32, 32, 1 }, "Tanh", seed),
        "mlp-relu" => Mlp("mlp_relu", new[] { 16, 64, 64, 4 }, "Relu", seed),
        "cnn" => SmallCnn(seed),
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown built-in model '{name}'",
            hint: $"choose one of: {string.Join(", ", Names)}"),
    };

    /// <summary>An MLP with the given layer widths; hidden layers use the activation, the last is linear.</summary>
    public static ModelGraph Mlp(string name, int[] widths, string activation, int seed)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder(name);
        var x = b.Input("x", DataType.Float32, 1, widths[0]);
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            var w = b.Constant($"fc{l + 1}.weight", Glorot(rng, new[] { widths[l + 1], widths[l] }, widths[l], widths[l + 1]));
            var bias = b.Constant($"fc{l + 1}.bias", Uniform(rng, new[] { widths[l + 1] }, 0.1f));
            x = b.OpNamed($"fc{l + 1}", "Gemm", new[] { x, w, bias }, NodeAttribute.Of("transB", 1L));
            if (l + 2 < widths.Length) x = b.OpNamed($"act{l + 1}", activation, new[] { x });
        }
        b.Output(b.Rename(x, "y"));
        return b.Graph;
    }

    /// <summary>1x28x28 -> conv8 3x3, relu, maxpool2 -> conv16 3x3, relu, maxpool2 -> flatten -> gemm10.</summary>
    public static ModelGraph SmallCnn(int seed)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder("cnn");
        var x = b.Input("image", DataType.Float32, 1, 1, 28, 28);
        x = ConvBlock(b, rng, x, "conv1", 1, 8);
        x = ConvBlock(b, rng, x, "conv2", 8, 16);
        x = b.OpNamed("flatten", "Flatten", new[] { x }, NodeAttribute.Of("axis", 1L));
        var w = b.Constant("fc.weight", Glorot(rng, new[] { 10, 16 * 5 * 5 }, 400, 10));
        var bias = b.Constant("fc.bias", Uniform(rng, new[] { 10 }, 0.1f));
        x = b.OpNamed("fc", "Gemm", new[] { x, w, bias }, NodeAttribute.Of("transB", 1L));
        b.Output(b.Rename(x, "logits"));
        return b.Graph;
    }

    private static string ConvBlock(GraphBuilder b, Random rng, string x, string name, int cin, int cout)
    {
        var w = b.Constant($"{name}.weight", Glorot(rng, new[] { cout, cin, 3, 3 }, cin * 9, cout * 9));
        var bias = b.Constant($"{name}.bias", Uniform(rng, new[] { cout }, 0.1f));
        x = b.OpNamed(name, "Conv", new[] { x, w, bias }, NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }));
        x = b.OpNamed($"{name}_relu", "Relu", new[] { x });
        return b.OpNamed($"{name}_pool", "MaxPool", new[] { x },
            NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("strides", new long[] { 2, 2 }));
    }

    public static Tensor Glorot(Random rng, int[] shape, int fanIn, int fanOut) =>
        Uniform(rng, shape, MathF.Sqrt(6f / (fanIn + fanOut)));

    public static Tensor Uniform(Random rng, int[] shape, float limit)
    {
        var data = new float[Tensor.ElementCountOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1) * limit;
        return Tensor.FromFloats(shape, data);
    }
}
