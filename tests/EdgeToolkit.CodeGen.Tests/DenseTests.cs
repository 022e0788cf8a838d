using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// Gemm and MatMul in their attribute and layout variants against the reference evaluator, for
/// the portable kernel (cortex-m4) and the host/AArch64 variant (host); both run on the host gcc.
/// </summary>
public class DenseTests
{
    private static CodeGenOptions For(string target) => new() { Target = TargetProfile.ForTarget(target) };

    public sealed record GemmCase(string Name, bool TransA, bool TransB, float Alpha, float Beta, int[]? C, bool ConstB = true, bool ConstC = true)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<GemmCase, string> GemmCasesOnBothKernels()
    {
        var data = new TheoryData<GemmCase, string>();
        foreach (var c in GemmCases())
            foreach (var target in new[] { "host", "cortex-m4" }) data.Add(c, target);
        return data;
    }

    private static IEnumerable<GemmCase> GemmCases() => new[]
    {
        new GemmCase("plain", false, false, 1f, 1f, new[] { 11 }),
        new GemmCase("transB-no-bias", false, true, 1f, 1f, null),
        new GemmCase("transA-transB", true, true, 1f, 1f, new[] { 1, 11 }),
        new GemmCase("alpha-beta", false, true, 0.5f, -2f, new[] { 11 }),
        new GemmCase("bias-per-row", false, false, 1f, 0.25f, new[] { 3, 11 }),
        new GemmCase("bias-column", true, false, 1.5f, 1f, new[] { 3, 1 }),
        new GemmCase("bias-scalar", false, false, 1f, 1f, new[] { 1 }),
        new GemmCase("runtime-bias", false, true, 2f, 0.5f, new[] { 3, 11 }, ConstC: false),
        new GemmCase("runtime-B", true, true, 0.75f, 1f, new[] { 11 }, ConstB: false),
    };

    [Theory]
    [MemberData(nameof(GemmCasesOnBothKernels))]
    public void Gemm_matches_reference(GemmCase c, string target)
    {
        const int m = 3, k = 21, n = 11;
        var b = new GraphBuilder("gemm");
        var a = b.Input("a", DataType.Float32, c.TransA ? new long[] { k, m } : new long[] { m, k });
        int[] bShape = c.TransB ? new[] { n, k } : new[] { k, n };
        var w = c.ConstB ? b.Constant("w", ModelCheck.Random(bShape, 1)) : b.Input("w", DataType.Float32, bShape.Select(d => (long)d).ToArray());
        var ins = new List<string> { a, w };
        if (c.C != null) ins.Add(c.ConstC ? b.Constant("c", ModelCheck.Random(c.C, 2)) : b.Input("c", DataType.Float32, c.C.Select(d => (long)d).ToArray()));
        var y = b.OpNamed("gemm", "Gemm", ins.ToArray(), NodeAttribute.Of("transA", c.TransA ? 1L : 0L), NodeAttribute.Of("transB", c.TransB ? 1L : 0L),
            NodeAttribute.Of("alpha", c.Alpha), NodeAttribute.Of("beta", c.Beta));
        b.Output(y);
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 3), options: For(target));
    }

    /// <summary>(A shape, B shape, B constant) on both kernels.</summary>
    public static TheoryData<int[], int[], bool, string> MatMulCases()
    {
        var shapes = new (int[] A, int[] B, bool ConstB)[]
        {
            (new[] { 2, 3, 5, 7 }, new[] { 2, 3, 7, 4 }, false),
            (new[] { 2, 1, 5, 7 }, new[] { 3, 7, 4 }, false),
            (new[] { 4, 5, 7 }, new[] { 7, 6 }, true),
            (new[] { 4, 5, 7 }, new[] { 7, 6 }, false),
            (new[] { 7 }, new[] { 7, 6 }, true),
            (new[] { 3, 7 }, new[] { 7 }, true),
            (new[] { 2, 5, 7 }, new[] { 7 }, false),
        };
        var data = new TheoryData<int[], int[], bool, string>();
        foreach (var (a, b, constB) in shapes)
            foreach (var target in new[] { "host", "cortex-m4" }) data.Add(a, b, constB, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(MatMulCases))]
    public void MatMul_matches_reference(int[] aShape, int[] bShape, bool constB, string target)
    {
        var b = new GraphBuilder("matmul");
        var a = b.Input("a", DataType.Float32, aShape.Select(d => (long)d).ToArray());
        var w = constB ? b.Constant("w", ModelCheck.Random(bShape, 5)) : b.Input("w", DataType.Float32, bShape.Select(d => (long)d).ToArray());
        b.Output(b.OpNamed("mm", "MatMul", new[] { a, w }));
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 6), options: For(target));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void MatMul_with_fused_relu_matches_reference(string target)
    {
        var b = new GraphBuilder("matmul_relu");
        var a = b.Input("a", DataType.Float32, 2, 3, 9);
        var y = b.OpNamed("mm", "MatMul", new[] { a, b.Constant("w", ModelCheck.Random(new[] { 9, 20 }, 7)) });
        b.Output(b.OpNamed("relu", "Relu", new[] { y }));
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 8), g => ModelCheck.Fuse(g, "mm", "relu"), options: For(target));
    }

    [Fact]
    public void Gemm_weights_are_packed_so_the_original_layout_costs_no_flash()
    {
        // Flash matters on the MCU: the portable kernel stores exactly the original weights (the
        // host variant pads columns to whole vectors, DenseHostTests).
        var g = ExampleModels.Get("mlp-relu");
        var model = CCodeGenerator.Generate(g, For("cortex-m4"));
        long weights = g.Initializers.Values.Sum(t => t.Length * 4L);
        Assert.Equal(weights, model.WeightBytes);
        Assert.DoesNotContain("mlp_relu_fc1_weight[", model.Files["model_weights.c"]);
        Assert.Contains("mlp_relu_fc1_weights[", model.Files["model_weights.c"]);
        Assert.Equal(16L * 64 + 64 * 64 + 64 * 4, model.Macs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(32)]
    public void Register_blocking_with_any_block_width_and_tail_matches_reference(int floatRegisters)
    {
        // K odd (the unrolled-by-two loop has a remainder), N = 23 leaves a tail block for most widths.
        var b = new GraphBuilder("blocking");
        var x = b.Input("x", DataType.Float32, 2, 13);
        var y = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ModelCheck.Random(new[] { 23, 13 }, 1)), b.Constant("b", ModelCheck.Random(new[] { 23 }, 2)) },
            NodeAttribute.Of("transB", 1L));
        b.Output(b.OpNamed("act", "Tanh", new[] { y }));
        var target = TargetProfile.ForTarget("cortex-m4") with { FloatRegisters = floatRegisters };
        ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 3, 2f), g => ModelCheck.Fuse(g, "fc", "act"),
            options: new CodeGenOptions { Target = target });
    }
}
