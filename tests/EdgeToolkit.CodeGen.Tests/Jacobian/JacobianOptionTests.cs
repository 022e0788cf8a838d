using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;

namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>What EmitJacobian adds to the API, that it compiles at the warning bar, and the error for a model that is not an MLP.</summary>
public class JacobianOptionTests
{
    [Fact]
    public void A_model_that_is_not_an_mlp_is_a_bad_input_naming_file_and_node()
    {
        var path = Path.Combine(RepoPaths.Root, "models", "fashion-cnn", "model.onnx");
        var g = JacobianCases.Optimized(OnnxImporter.Load(path));
        var e = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(g, new CodeGenOptions { EmitJacobian = true }));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(path, e.File);
        var first = g.Nodes.First(n => n.Inputs.Contains(g.Inputs[0].Name));
        Assert.Equal(first.Name, e.NodeName);
        Assert.Equal("Conv", e.Op);
        Assert.Contains("not an MLP", e.Message);
        Assert.Contains("Gemm (or MatMul + Add)", e.Hint);
    }

    [Fact]
    public void A_branch_and_a_batch_are_bad_inputs()
    {
        var b = new GraphBuilder("branch");
        var x = b.Input("x", DataType.Float32, 1, 4);
        var h = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ExampleModels.Uniform(new Random(1), new[] { 4, 4 }, 1f)) });
        b.Output(b.OpNamed("sum", "Add", new[] { b.OpNamed("act", "Tanh", new[] { h }), h }));
        var e = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(b.Graph, new CodeGenOptions { EmitJacobian = true }));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains($"'{h}' must feed exactly one node", e.Message);
        Assert.Contains(e.NodeName, new[] { "act", "sum" });

        var batch = new GraphBuilder("batch");
        var xs = batch.Input("x", DataType.Float32, 4, 3);
        batch.Output(batch.OpNamed("fc", "Gemm", new[] { xs, batch.Constant("w", ExampleModels.Uniform(new Random(2), new[] { 3, 2 }, 1f)) }));
        var e2 = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(batch.Graph, new CodeGenOptions { EmitJacobian = true }));
        Assert.Contains("more than one row", e2.Message);
    }

    [Fact]
    public void The_option_adds_the_jacobian_api_and_nothing_without_it()
    {
        var g = JacobianCases.Control("msd").Compiled;
        var plain = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "msd" });
        var with = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "msd", EmitJacobian = true });
        Assert.DoesNotContain("jacobian", plain.Files["model.h"] + plain.Files["model.c"]);
        Assert.Null(plain.JacobianArenaBytes);
        var h = with.Files["model.h"];
        Assert.Contains("int msd_jacobian(const float *x, float *y, float *jac);", h);
        Assert.Contains("int msd_jacobian_arena(void *arena, const float *x, float *y, float *jac);", h);
        // h1, h2 (32 floats each), then dy/dh of each for 2 outputs.
        Assert.Contains("#define MSD_JACOBIAN_ARENA_BYTES 768", h);
        Assert.Equal(768, with.JacobianArenaBytes);
    }

    /// <summary>Every case with weights as C arrays, and one with them as a linked blob.</summary>
    [Theory]
    [InlineData("gcc", "host", "")]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    public void Compiles_warning_free_with_pedantic(string compiler, string target, string flags)
    {
        if (!HostC.OnPath(compiler)) return;
        var cases = JacobianCases.All();
        foreach (var (c, blob) in cases.Select(c => (c, false)).Append((cases[0], true)))
            HostC.CompileOnly(CCodeGenerator.Generate(c.Compiled, new CodeGenOptions
            {
                Name = c.Name, Target = TargetProfile.ForTarget(target), EmitJacobian = true, WeightsBlob = blob,
            }), compiler, flags);
    }
}
