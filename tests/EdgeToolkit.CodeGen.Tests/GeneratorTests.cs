using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>What the generator promises about its files, names and errors.</summary>
public class GeneratorTests
{
    [Fact]
    public void Hostile_names_produce_valid_distinct_c()
    {
        var b = new GraphBuilder("my model/v2.onnx");
        var x = b.Input("input:0", DataType.Float32, 1, 4);
        var y = b.OpNamed("/layer.0/Gemm*/", "Gemm", new[] { x, b.Constant("onnx::Gemm_5", ModelCheck.Random(new[] { 4, 4 }, 1)) });
        y = b.OpNamed("int", "Relu", new[] { y });
        y = b.OpNamed("/layer.0/Gemm*/ ", "Neg", new[] { y });
        y = b.OpNamed("9lives */ /*", "Tanh", new[] { y });
        b.Output(b.Rename(y, "arena"));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 1));
        Assert.Equal(4, model.Layers.Select(l => l.Function).Distinct().Count());
        Assert.All(model.Layers, l => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", l.Function));
    }

    [Fact]
    public void Unsupported_op_names_the_node()
    {
        var b = new GraphBuilder("bad");
        var x = b.Input("x", DataType.Float32, 1, 4);
        b.Output(b.OpNamed("the_culprit", "NonMaxSuppression", new[] { x }));
        b.Graph.ValueInfos["the_culprit_out"] = new ValueInfo("the_culprit_out", DataType.Float32, SymShape.Of(1, 4));
        var e = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(b.Graph, new CodeGenOptions()));
        Assert.Equal("the_culprit", e.NodeName);
        Assert.Equal("NonMaxSuppression", e.Op);
        Assert.True(e.Unsupported);
        Assert.Equal(ErrorKind.BadInput, e.Kind);
    }

    [Fact]
    public void Unsupported_type_names_the_node_and_says_why()
    {
        var b = new GraphBuilder("bad_type");
        var x = b.Input("x", DataType.Int32, 1, 4);
        b.Output(b.OpNamed("mean", "ReduceMean", new[] { x }), DataType.Int32);
        var e = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(b.Graph, new CodeGenOptions()));
        Assert.Equal("mean", e.NodeName);
        Assert.Contains("float32", e.Message);
    }

    [Fact]
    public void Symbolic_dim_is_an_error_with_a_pin_hint()
    {
        var b = new GraphBuilder("dynamic");
        var x = b.Input("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(4) }));
        b.Output(b.OpNamed("relu", "Relu", new[] { x }));
        var e = Assert.Throws<EdgeToolkitException>(() => CCodeGenerator.Generate(b.Graph, new CodeGenOptions()));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("'x'", e.Message);
        Assert.Equal("relu", e.NodeName);
        Assert.Contains("--shape x=1x4", e.Hint);
    }

    [Fact]
    public void Header_states_the_figures_and_the_api()
    {
        var model = CCodeGenerator.Generate(ExampleModels.Get("mlp-tanh"), new CodeGenOptions { Name = "ctl", Target = TargetProfile.ForTarget("cortex-m4") });
        var h = model.Files["model.h"];
        Assert.Contains($"#define CTL_ARENA_BYTES {model.ArenaBytes}", h);
        Assert.Contains($"#define CTL_WEIGHT_BYTES {model.WeightBytes}", h);
        Assert.Contains($"#define CTL_MACS {model.Macs}", h);
        Assert.Contains("int ctl_run(const float *x, float *y);", h);
        Assert.Contains("int ctl_run_arena(void *arena, const float *x, float *y);", h);
        Assert.Contains("-ffp-contract=off", model.Files["model.c"]);
        Assert.Contains("cortex-m4", model.Files["model.c"]);
        Assert.Contains("EDGETK_LAYER_BEGIN(0)", model.Files["model.c"]);
        Assert.DoesNotContain("#include <math.h>", model.Files["model.c"]);
    }

    [Fact]
    public void Weights_blob_links_with_incbin_and_gives_the_same_results()
    {
        var g = ExampleModels.Get("mlp-relu");
        var model = ModelCheck.AssertMatchesReference(g, ModelCheck.RandomInputs(g, 2), options: new CodeGenOptions { WeightsBlob = true });
        Assert.Contains("model_weights.S", model.Files.Keys);
        Assert.DoesNotContain("model_weights.c", model.Files.Keys);
        Assert.Equal(model.WeightBytes, model.BinaryFiles["model_weights.bin"].Length);
    }

    [Fact]
    public void Caller_arena_gives_the_same_results_as_the_built_in_one()
    {
        var g = ExampleModels.Get("mlp-tanh");
        var model = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "m" });
        var main = """
            #include <stdio.h>
            #include <string.h>
            #include "model.h"
            static unsigned char arena[M_ARENA_BYTES + 16];
            int main(void)
            {
                float x[2] = { 0.25f, -0.5f }, a[1], b[1];
                memset(arena, 0xAB, sizeof arena);
                m_run(x, a);
                m_run_arena(arena + 16 - ((size_t)arena % 16), x, b);
                printf("%d\n", memcmp(a, b, sizeof a));
                return 0;
            }
            """;
        var files = model.Files.Where(f => f.Key.EndsWith(".c") || f.Key.EndsWith(".h")).ToDictionary(f => f.Key, f => f.Value);
        files["main.c"] = main;
        Assert.Equal("0", HostC.CompileAndRun(files).Trim());
    }

    [Fact]
    public void Layer_hooks_wrap_every_kernel_call()
    {
        var model = CCodeGenerator.Generate(ExampleModels.Get("mlp-relu"), new CodeGenOptions { Name = "m" });
        var main = """
            #include <stdio.h>
            #include "model.h"
            int begins, ends, order_ok = 1;
            int main(void)
            {
                float x[16] = { 0 }, y[4];
                m_run(x, y);
                printf("%d %d %d %d\n", begins, ends, order_ok, M_NUM_LAYERS);
                return 0;
            }
            """;
        var files = model.Files.Where(f => f.Key.EndsWith(".c") || f.Key.EndsWith(".h")).ToDictionary(f => f.Key, f => f.Value);
        files["main.c"] = main;
        var hooks = "\"-DEDGETK_LAYER_BEGIN(i)=do { extern int begins, order_ok; if (begins != (i)) order_ok = 0; begins++; } while (0)\" " +
                    "\"-DEDGETK_LAYER_END(i)=do { extern int ends; ends++; } while (0)\"";
        var fields = HostC.CompileAndRun(files, hooks).Trim().Split(' ');
        Assert.Equal(new[] { "5", "5", "1", "5" }, fields);
    }
}
