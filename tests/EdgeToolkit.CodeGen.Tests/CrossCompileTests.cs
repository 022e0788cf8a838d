using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>The generated C compiles warning-free with the MCU and AArch64 cross compilers (when installed).</summary>
public class CrossCompileTests
{
    /// <summary>One graph touching every emitter family here: dense, unary, binary, softmax, layer norm, reduce.</summary>
    private static ModelGraph Mixed()
    {
        var b = new GraphBuilder("mixed");
        var x = b.Input("x", DataType.Float32, 1, 12);
        var h = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ModelCheck.Random(new[] { 12, 24 }, 1)), b.Constant("b", ModelCheck.Random(new[] { 24 }, 2)) });
        h = b.OpNamed("gelu_like", "Erf", new[] { h });
        h = b.OpNamed("ln", "LayerNormalization", new[] { h, b.Constant("g", ModelCheck.Random(new[] { 24 }, 3)) });
        var s = b.OpNamed("sig", "Sigmoid", new[] { h });
        h = b.OpNamed("mul", "Mul", new[] { h, s });
        h = b.OpNamed("abs", "Abs", new[] { h });
        h = b.OpNamed("pow", "Pow", new[] { h, b.Constant("e", Tensor.Scalar(1.7f)) });
        var r = b.OpNamed("mean", "ReduceMean", new[] { h }, NodeAttribute.Of("axes", new long[] { 1 }));
        h = b.OpNamed("sub", "Sub", new[] { h, r });
        b.Output(b.OpNamed("sm", "Softmax", new[] { h }));
        return b.Graph;
    }

    [Theory]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64", "")]
    public void Compiles_warning_free_with_cross_compilers(string compiler, string target, string flags)
    {
        if (!HostC.OnPath(compiler)) return;
        foreach (bool blob in new[] { false, true })
        {
            var model = CCodeGenerator.Generate(Mixed(), new CodeGenOptions { Target = TargetProfile.ForTarget(target), WeightsBlob = blob });
            HostC.CompileOnly(model, compiler, flags);
        }
    }

    [Fact]
    public void Mixed_model_matches_reference_on_host()
    {
        var g = Mixed();
        ModelCheck.AssertMatchesReference(g, ModelCheck.RandomInputs(g, 4));
    }

    [Fact]
    public void Aarch64_results_are_bit_identical_to_the_host()
    {
        if (!HostC.OnPath("aarch64-linux-gnu-gcc") || !HostC.OnPath("qemu-aarch64")) return;
        var g = Mixed();
        var inputs = ModelCheck.RandomInputs(g, 7, 3f);
        var host = HostC.Run(CCodeGenerator.Generate(g, new CodeGenOptions()), inputs);
        var arm = HostC.Run(CCodeGenerator.Generate(g, new CodeGenOptions { Target = TargetProfile.ForTarget("aarch64") }), inputs, "-static",
            "aarch64-linux-gnu-gcc", "qemu-aarch64");
        foreach (var (name, t) in host)
        {
            Assert.DoesNotContain(t.Floats, float.IsNaN);
            Assert.Equal(HostC.ToBytes(t), HostC.ToBytes(arm[name]));
        }
    }
}
