using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// Fully connected nets, unfused and with activations fused into the Gemm, against the reference
/// evaluator; the fused ones on both dense kernels (host variant, portable cortex-m4 kernel).
/// </summary>
public class MlpTests
{
    public static TheoryData<string> Activations() => new() { "Relu", "LeakyRelu", "Tanh", "Sigmoid", "HardSigmoid", "Clip" };

    public static TheoryData<string, string> ActivationsOnBothKernels()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in Activations())
            foreach (var target in new[] { "host", "cortex-m4" }) data.Add(a, target);
        return data;
    }

    private static CodeGenOptions For(string target) => new() { Target = TargetProfile.ForTarget(target) };

    private static ModelGraph Mlp(string activation, int[] widths, int seed, int batch = 1)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder("mlp_" + activation.ToLowerInvariant());
        var x = b.Input("x", DataType.Float32, batch, widths[0]);
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            var w = b.Constant($"fc{l + 1}.weight", ExampleModels.Glorot(rng, new[] { widths[l + 1], widths[l] }, widths[l], widths[l + 1]));
            var bias = b.Constant($"fc{l + 1}.bias", ExampleModels.Uniform(rng, new[] { widths[l + 1] }, 0.5f));
            x = b.OpNamed($"fc{l + 1}", "Gemm", new[] { x, w, bias }, NodeAttribute.Of("transB", 1L));
            if (l + 2 >= widths.Length) break;
            x = activation switch
            {
                "LeakyRelu" => b.OpNamed($"act{l + 1}", activation, new[] { x }, NodeAttribute.Of("alpha", 0.1f)),
                "HardSigmoid" => b.OpNamed($"act{l + 1}", activation, new[] { x }, NodeAttribute.Of("alpha", 0.3f), NodeAttribute.Of("beta", 0.4f)),
                "Clip" => b.OpNamed($"act{l + 1}", activation, new[] { x, b.Constant($"lo{l}", Tensor.Scalar(-0.25f)), b.Constant($"hi{l}", Tensor.Scalar(0.5f)) }),
                _ => b.OpNamed($"act{l + 1}", activation, new[] { x }),
            };
        }
        b.Output(x);
        return b.Graph;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Unfused_mlp_matches_reference(string activation)
    {
        var g = Mlp(activation, new[] { 5, 19, 12, 3 }, 1);
        ModelCheck.AssertMatchesReference(g, ModelCheck.RandomInputs(g, 2, 2f));
    }

    [Theory]
    [MemberData(nameof(ActivationsOnBothKernels))]
    public void Fused_mlp_matches_reference(string activation, string target)
    {
        var g = Mlp(activation, new[] { 6, 33, 17, 2 }, 3, batch: 3);
        var model = ModelCheck.AssertMatchesReference(g, ModelCheck.RandomInputs(g, 4, 2f), f =>
        {
            ModelCheck.Fuse(f, "fc1", "act1");
            ModelCheck.Fuse(f, "fc2", "act2");
        }, options: For(target));
        Assert.Equal(3, model.Layers.Count);
        Assert.Equal(new[] { "fc1", "act1" }, model.Layers[0].Nodes);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Two_post_ops_apply_in_order(string target)
    {
        var b = new GraphBuilder("two_posts");
        var x = b.Input("x", DataType.Float32, 2, 7);
        var y = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ModelCheck.Random(new[] { 7, 9 }, 1)), b.Constant("b", ModelCheck.Random(new[] { 9 }, 2)) });
        y = b.OpNamed("leaky", "LeakyRelu", new[] { y }, NodeAttribute.Of("alpha", 0.2f));
        y = b.OpNamed("tanh", "Tanh", new[] { y });
        b.Output(y);
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 3, 3f), g => ModelCheck.Fuse(g, "fc", "leaky", "tanh"), options: For(target));
    }

    [Theory]
    [InlineData("mlp-tanh", "host")]
    [InlineData("mlp-relu", "host")]
    [InlineData("mlp-tanh", "cortex-m4")]
    [InlineData("mlp-relu", "cortex-m4")]
    public void Example_models_match_reference_fused(string name, string target)
    {
        var g = ExampleModels.Get(name);
        ModelCheck.AssertMatchesReference(g, ModelCheck.RandomInputs(g, 5, 1.5f), f =>
        {
            ModelCheck.Fuse(f, "fc1", "act1");
            ModelCheck.Fuse(f, "fc2", "act2");
        }, options: For(target));
    }
}
