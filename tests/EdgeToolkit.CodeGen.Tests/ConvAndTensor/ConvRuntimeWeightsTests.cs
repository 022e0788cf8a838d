using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// Conv whose weights (and bias) are graph inputs, as in the ONNX conformance cases: the plain
/// direct convolution reading the ONNX layout at run time, on every conv shape of ConvEmitterTests.
/// </summary>
public class ConvRuntimeWeightsTests
{
    /// <summary>The case's conv with W (and B when runtimeBias) turned into graph inputs holding the same values.</summary>
    private static ModelGraph Build(ConvEmitterTests.Case c, bool reluPool, bool runtimeBias, out Dictionary<string, Tensor> inputs)
    {
        var g = ConvEmitterTests.Build(c, reluPool, out inputs);
        var moved = runtimeBias && c.Bias ? new[] { "w", "b" } : new[] { "w" };
        foreach (var name in moved)
        {
            var value = g.Initializers[name];
            g.Initializers.Remove(name);
            g.Inputs.Add(new ValueInfo(name, value.Type, SymShape.FromConcrete(value.Shape)));
            inputs[name] = value;
        }
        return g;
    }

    [Theory]
    [MemberData(nameof(ConvEmitterTests.Cases), MemberType = typeof(ConvEmitterTests))]
    public void Conv_with_weights_and_bias_as_inputs_matches_reference(ConvEmitterTests.Case c)
    {
        var g = Build(c, reluPool: false, runtimeBias: true, out var inputs);
        var program = KernelCheck.AssertMatchesReference(g, inputs);
        Assert.Contains("read at run time", program.ModelC);
    }

    [Theory]
    [MemberData(nameof(ConvEmitterTests.Cases), MemberType = typeof(ConvEmitterTests))]
    public void Conv_with_runtime_weights_and_fused_relu_and_maxpool_matches_reference(ConvEmitterTests.Case c)
    {
        var g = Build(c, reluPool: true, runtimeBias: false, out var inputs);
        var program = KernelCheck.AssertMatchesReference(g, inputs, fused => KernelCheck.Fuse(fused, "conv", "relu", "pool"));
        Assert.Single(program.ModelC.Split('\n'), l => l.StartsWith("static void kernel_"));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Constant_weights_with_a_runtime_bias_match_reference(string profile)
    {
        var c = new ConvEmitterTests.Case("bias-input", new[] { 1, 3, 9, 8 }, 8, new[] { 3, 3 }, Pads: new long[] { 1, 1, 1, 1 });
        var g = ConvEmitterTests.Build(c, reluPool: false, out var inputs);
        var bias = g.Initializers["b"];
        g.Initializers.Remove("b");
        g.Inputs.Add(new ValueInfo("b", bias.Type, SymShape.FromConcrete(bias.Shape)));
        inputs["b"] = bias;
        KernelCheck.AssertMatchesReference(g, inputs, target: TargetProfile.ForTarget(profile));
    }

    /// <summary>The former refusal: W a graph input, no kernel_shape, no bias, through the real writer and its memory plan.</summary>
    [Fact]
    public void Runtime_weights_through_the_writer_match_reference()
    {
        var b = new GraphBuilder("runtime_w");
        var x = b.Input("x", DataType.Float32, 1, 2, 5, 5);
        var w = b.Input("w", DataType.Float32, 3, 2, 3, 3);
        var y = b.OpNamed("conv", "Conv", new[] { x, w }, NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        b.Output(b.OpNamed("relu", "Relu", new[] { y }));
        var g = b.Graph;
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(new[] { 1, 2, 5, 5 }, 4), ["w"] = KernelCheck.Random(new[] { 3, 2, 3, 3 }, 5) };
        EdgeToolkit.Graph.Ops.ShapeInference.Run(g);
        var expected = EdgeToolkit.Graph.Evaluation.Evaluator.Run(g, inputs);
        var model = CCodeGenerator.Generate(g, new CodeGenOptions());
        var actual = HostC.Run(model, inputs);
        foreach (var (name, want) in expected) KernelCheck.AssertClose(want, actual[name], 1e-5, name);
    }
}
