using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// Every conv/pool kernel form in one model (runtime-weight Conv, ConvTranspose, MaxPool with
/// indices, MaxUnpool, ConvInteger, QLinearConv, the host vector Conv on host/aarch64), compiled
/// with the cross compilers at the generated-C warning bar (when they are installed).
/// </summary>
public class ConvFamilyCrossCompileTests
{
    private static ModelGraph Model()
    {
        var b = new GraphBuilder("convfamily");
        var x = b.Input("x", DataType.Float32, 1, 2, 6, 8);
        var w = b.Input("w", DataType.Float32, 3, 2, 3, 3);
        var y = b.OpNamed("conv_rt", "Conv", new[] { x, w }, NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        y = b.OpNamed("conv_vec", "Conv", new[] { y, b.Constant("wv", KernelCheck.Random(new[] { 8, 3, 3, 3 }, 1)) },
            NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        y = b.OpNamed("convt", "ConvTranspose", new[] { y, b.Constant("wt", KernelCheck.Random(new[] { 8, 2, 2, 2 }, 2)) },
            NodeAttribute.Of("strides", new long[] { 2, 2 })); // 12x16: even, so the pool indices stay inside the unpooled shape
        var k = NodeAttribute.Of("kernel_shape", new long[] { 2, 2 });
        var s = NodeAttribute.Of("strides", new long[] { 2, 2 });
        var pooled = b.OpMulti("pool", "MaxPool", new[] { y }, 2, k, s);
        b.Output(b.OpNamed("unpool", "MaxUnpool", new[] { pooled[0], pooled[1] }, k, s));
        var xi = b.Input("xi", DataType.UInt8, 1, 2, 5, 5);
        var wi = b.Constant("wi", KernelCheck.RandomOf(DataType.UInt8, new[] { 3, 2, 3, 3 }, 3));
        b.Output(b.OpNamed("convint", "ConvInteger", new[] { xi, wi }), DataType.Int32);
        b.Output(b.OpNamed("qconv", "QLinearConv", new[]
        {
            xi, b.Constant("xs", Tensor.Scalar(0.05f)), b.Constant("xz", KernelCheck.RandomOf(DataType.UInt8, Array.Empty<int>(), 4)),
            wi, b.Constant("ws", Tensor.Scalar(0.02f)), b.Constant("wz", KernelCheck.RandomOf(DataType.UInt8, Array.Empty<int>(), 5)),
            b.Constant("ys", Tensor.Scalar(0.3f)), b.Constant("yz", KernelCheck.RandomOf(DataType.UInt8, Array.Empty<int>(), 6)),
        }), DataType.UInt8);
        ShapeInference.Run(b.Graph);
        return b.Graph;
    }

    [Theory]
    [InlineData("gcc", "host", "-O3 -march=native")]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64", "-O3")]
    public void Compiles_warning_free(string compiler, string target, string flags)
    {
        if (!HostC.OnPath(compiler)) return;
        var model = CCodeGenerator.Generate(Model(), new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
        Assert.Equal(target is "host" or "aarch64", model.Files["model.c"].Contains("host/aarch64 variant"));
        HostC.CompileOnly(model, compiler, flags);
    }

    [Fact]
    public void Matches_reference_on_host()
    {
        var g = Model();
        var inputs = new Dictionary<string, Tensor>
        {
            ["x"] = KernelCheck.Random(new[] { 1, 2, 6, 8 }, 7), ["w"] = KernelCheck.Random(new[] { 3, 2, 3, 3 }, 8),
            ["xi"] = KernelCheck.RandomOf(DataType.UInt8, new[] { 1, 2, 5, 5 }, 9),
        };
        var expected = EdgeToolkit.Graph.Evaluation.Evaluator.Run(g, inputs);
        var actual = HostC.Run(CCodeGenerator.Generate(g, new CodeGenOptions()), inputs);
        foreach (var (name, want) in expected) KernelCheck.AssertClose(want, actual[name], 1e-5, name);
    }
}
