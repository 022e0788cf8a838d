using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// The conv, pool and tensor emitters through the real model writer (CCodeGenerator: memory
/// planner, weights file, run_arena), compiled and run on the host.
/// </summary>
public class ModelWriterIntegrationTests
{
    private static void AssertGeneratedMatchesReference(ModelGraph unfused, ModelGraph generated, Dictionary<string, Tensor> inputs, out GeneratedModel model,
        string target = "host", bool onAarch64 = false)
    {
        ShapeInference.Run(unfused);
        var expected = Evaluator.Run(unfused, inputs);
        ShapeInference.Run(generated); // graph outputs are declared without shapes; the writer only infers when an intermediate lacks one
        model = CCodeGenerator.Generate(generated, new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
        var actual = onAarch64
            ? HostC.Run(model, inputs, "-static", "aarch64-linux-gnu-gcc", "qemu-aarch64")
            : HostC.Run(model, inputs);
        foreach (var (name, want) in expected) KernelCheck.AssertClose(want, actual[name], 1e-5, name);
    }

    /// <summary>
    /// The CNN through the real writer for each kernel family: the host vector variant (run on the
    /// host, and on AArch64 under qemu-user when installed) and the portable Cortex-M kernel.
    /// </summary>
    [Theory]
    [InlineData("host", false)]
    [InlineData("aarch64", true)]
    [InlineData("cortex-m4", false)]
    public void Small_cnn_through_the_writer_uses_the_target_kernel_and_matches_reference(string target, bool onAarch64)
    {
        if (onAarch64 && (!HostC.OnPath("aarch64-linux-gnu-gcc") || !HostC.OnPath("qemu-aarch64"))) return;
        var unfused = ExampleModels.SmallCnn(seed: 7);
        var fused = ExampleModels.SmallCnn(seed: 7);
        ShapeInference.Run(fused);
        new EdgeToolkit.Graph.Passes.FusionPass().Run(fused);
        var inputs = new Dictionary<string, Tensor> { ["image"] = KernelCheck.Random(new[] { 1, 1, 28, 28 }, 23) };
        AssertGeneratedMatchesReference(unfused, fused, inputs, out var model, target, onAarch64);
        var code = model.Files["model.c"];
        Assert.Equal(target != "cortex-m4", code.Contains("host/aarch64 variant"));
        Assert.True(model.ArenaBytes <= 8 * 1024, $"arena {model.ArenaBytes} bytes");
    }

    [Fact]
    public void Small_cnn_runs_in_a_small_arena_and_matches_reference()
    {
        var unfused = ExampleModels.SmallCnn(seed: 5);
        var fused = ExampleModels.SmallCnn(seed: 5);
        KernelCheck.Fuse(fused, "conv1", "conv1_relu", "conv1_pool");
        KernelCheck.Fuse(fused, "conv2", "conv2_relu", "conv2_pool");
        var inputs = new Dictionary<string, Tensor> { ["image"] = KernelCheck.Random(new[] { 1, 1, 28, 28 }, 21) };
        AssertGeneratedMatchesReference(unfused, fused, inputs, out var model);
        // Only the pooled maps live in the arena (8x13x13 + 16x5x5 floats = 7,008 bytes); the flatten is an alias.
        Assert.True(model.ArenaBytes <= 8 * 1024, $"arena {model.ArenaBytes} bytes");
    }

    [Fact]
    public void Small_cnn_fused_by_the_fusion_pass_matches_reference()
    {
        var unfused = ExampleModels.SmallCnn(seed: 6);
        var fused = ExampleModels.SmallCnn(seed: 6);
        ShapeInference.Run(fused);
        new EdgeToolkit.Graph.Passes.FusionPass().Run(fused);
        Assert.Equal(new[] { "Relu", "MaxPool" }, fused.Nodes.Single(n => n.Name == "conv1").Fused.Select(f => f.OpType));
        var inputs = new Dictionary<string, Tensor> { ["image"] = KernelCheck.Random(new[] { 1, 1, 28, 28 }, 22) };
        AssertGeneratedMatchesReference(unfused, fused, inputs, out var model);
        Assert.True(model.ArenaBytes <= 8 * 1024, $"arena {model.ArenaBytes} bytes");
    }

    [Fact]
    public void Tensor_op_chain_with_aliases_matches_reference()
    {
        ModelGraph Build()
        {
            var b = new GraphBuilder("chain");
            var x = b.Input("x", DataType.Float32, 2, 3, 4);
            var t = b.OpNamed("t", "Transpose", new[] { x }, NodeAttribute.Of("perm", new long[] { 2, 0, 1 }));
            var s = b.OpNamed("s", "Slice", new[] { t, b.Constant("st", Tensor.Vector(3L)), b.Constant("en", Tensor.Vector(0L)),
                b.Constant("ax", Tensor.Vector(0L)), b.Constant("sp", Tensor.Vector(-1L)) });
            var c = b.OpNamed("c", "Concat", new[] { s, t }, NodeAttribute.Of("axis", 0L));
            var r = b.OpNamed("r", "Reshape", new[] { c, b.Constant("shape", Tensor.Vector(7L, 6L)) });
            var p = b.OpNamed("p", "Pad", new[] { r, b.Constant("pads", Tensor.Vector(1L, 0L, 0L, 2L)) }, NodeAttribute.Of("mode", "edge"));
            b.Output(p);
            return b.Graph;
        }
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(new[] { 2, 3, 4 }, 3) };
        AssertGeneratedMatchesReference(Build(), Build(), inputs, out _);
    }

    /// <summary>Conv -> act -> MaxPool -> post, built unfused; the fused copy folds act, pool and post into the conv.</summary>
    private static ModelGraph ConvActPool(string act, string? post, int[] input, int outChannels, int group, long[] pads, bool fuse)
    {
        var b = new GraphBuilder("cap");
        var x = b.Input("x", DataType.Float32, input.Select(d => (long)d).ToArray());
        var w = b.Constant("w", KernelCheck.Random(new[] { outChannels, input[1] / group, 3, 3 }, 8, 0.6f));
        var bias = b.Constant("b", KernelCheck.Random(new[] { outChannels }, 9, 0.2f));
        var y = b.OpNamed("conv", "Conv", new[] { x, w, bias }, NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }),
            NodeAttribute.Of("pads", pads), NodeAttribute.Of("group", (long)group));
        y = b.OpNamed("act", act, new[] { y });
        y = b.OpNamed("pool", "MaxPool", new[] { y }, NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("strides", new long[] { 2, 2 }));
        if (post != null) y = b.OpNamed("post", post, new[] { y });
        b.Output(y);
        if (fuse) KernelCheck.Fuse(b.Graph, "conv", post != null ? new[] { "act", "pool", "post" } : new[] { "act", "pool" });
        return b.Graph;
    }

    [Theory]
    [InlineData("Tanh", null, 1, 6)]        // not pooled before the activation: tanh goes through a portable helper
    [InlineData("Sigmoid", "Relu", 1, 6)]   // an elementwise op after the pool
    [InlineData("Relu", "Tanh", 4, 8)]      // depthwise with channel multiplier 2
    public void Conv_with_fused_activation_pool_and_post_op_matches_reference(string act, string? post, int group, int outChannels)
    {
        var input = new[] { 1, 4, 10, 9 };
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(input, 12) };
        var pads = new long[] { 1, 1, 1, 1 };
        AssertGeneratedMatchesReference(ConvActPool(act, post, input, outChannels, group, pads, fuse: false),
            ConvActPool(act, post, input, outChannels, group, pads, fuse: true), inputs, out _);
    }

    [Fact]
    public void Conv_whose_every_window_reads_padding_matches_reference()
    {
        // A 2x2 input padded by 2: no output position has its receptive field inside the input.
        var input = new[] { 1, 3, 2, 2 };
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(input, 13) };
        var pads = new long[] { 2, 2, 2, 2 };
        AssertGeneratedMatchesReference(ConvActPool("Relu", null, input, 4, 1, pads, fuse: false),
            ConvActPool("Relu", null, input, 4, 1, pads, fuse: true), inputs, out _);
    }
}
