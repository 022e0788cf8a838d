using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// The host/AArch64 variants of the dense kernels (DenseVectorKernel, DenseTiledKernel and
/// BatchedMatMulKernel): against the reference evaluator, bit for bit against the portable
/// Cortex-M kernels, and checked to vectorise.
/// </summary>
public class DenseHostTests
{
    private static readonly TargetProfile Host = TargetProfile.ForTarget("host");
    private static readonly TargetProfile Portable = TargetProfile.ForTarget("cortex-m4");

    /// <summary>The benchmark's host build: vectorised with whatever this CPU has, still no FMA.</summary>
    private const string Native = "-O3 -march=native";

    public sealed record Shape(string Name, int Rows, int K, int N, bool TransA = false, string Bias = "row", string Post = "")
    {
        public override string ToString() => Name;
    }

    /// <summary>Output counts around every padding and blocking boundary (1-2 scalar, 3-4 one short vector, 8s, 64-wide blocks and their tails).</summary>
    public static TheoryData<Shape> Shapes() => new()
    {
        new Shape("n1", 1, 7, 1),
        new Shape("n2-k1", 1, 1, 2),
        new Shape("n3", 2, 5, 3, Post: "Tanh"),
        new Shape("n4-no-bias", 1, 9, 4, Bias: "none"),
        new Shape("n5", 3, 4, 5, Post: "Relu"),
        new Shape("n7-transA", 3, 6, 7, TransA: true),
        new Shape("n8", 1, 3, 8, Post: "Sigmoid"),
        new Shape("n9-bias-per-row", 3, 11, 9, Bias: "per-row"),
        new Shape("n17-runtime-bias", 2, 13, 17, Bias: "runtime", Post: "Clip"),
        new Shape("n63", 1, 16, 63, Post: "LeakyRelu"),
        new Shape("n64", 1, 64, 64, Post: "Relu"),
        new Shape("n65-two-blocks", 2, 5, 65, Post: "HardSigmoid"),
        new Shape("n100-tail", 1, 10, 100, Bias: "scalar"),
        new Shape("n128-transA-per-row", 3, 9, 128, TransA: true, Bias: "per-row", Post: "Tanh"),
        new Shape("n200-runtime-bias", 1, 3, 200, Bias: "runtime", Post: "Relu"),
        // Four rows or more take the row-tiled kernel (DenseTiledKernel): whole tiles, left-over rows, column tails.
        new Shape("rows4-n16", 4, 9, 16),
        new Shape("rows5-n3", 5, 6, 3, Post: "Sigmoid"),
        new Shape("rows7-n37-transA-per-row", 7, 10, 37, TransA: true, Bias: "per-row", Post: "Tanh"),
        new Shape("rows9-n20-runtime-bias", 9, 5, 20, Bias: "runtime", Post: "Relu"),
        new Shape("rows12-n64-no-bias", 12, 17, 64, Bias: "none", Post: "Clip"),
    };

    private static (ModelGraph Graph, Action<ModelGraph> Fuse) Gemm(Shape s)
    {
        var b = new GraphBuilder("dense_" + s.Name.Replace('-', '_'));
        var a = b.Input("a", DataType.Float32, s.TransA ? new long[] { s.K, s.Rows } : new long[] { s.Rows, s.K });
        var ins = new List<string> { a, b.Constant("w", ModelCheck.Random(new[] { s.N, s.K }, 11)) };
        switch (s.Bias)
        {
            case "row": ins.Add(b.Constant("c", ModelCheck.Random(new[] { s.N }, 12))); break;
            case "per-row": ins.Add(b.Constant("c", ModelCheck.Random(new[] { s.Rows, s.N }, 12))); break;
            case "scalar": ins.Add(b.Constant("c", ModelCheck.Random(new[] { 1 }, 12))); break;
            case "runtime": ins.Add(b.Input("c", DataType.Float32, s.Rows, s.N)); break;
        }
        var y = b.OpNamed("fc", "Gemm", ins.ToArray(), NodeAttribute.Of("transA", s.TransA ? 1L : 0L), NodeAttribute.Of("transB", 1L),
            NodeAttribute.Of("alpha", 0.75f), NodeAttribute.Of("beta", 1.5f));
        if (s.Post == "Clip") y = b.OpNamed("act", "Clip", new[] { y, b.Constant("lo", Tensor.Scalar(-0.5f)), b.Constant("hi", Tensor.Scalar(0.75f)) });
        else if (s.Post.Length > 0) y = b.OpNamed("act", s.Post, new[] { y });
        b.Output(y);
        return (b.Graph, g => { if (s.Post.Length > 0) ModelCheck.Fuse(g, "fc", "act"); });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Host_variant_matches_reference_and_the_portable_kernel_bit_for_bit(Shape s)
    {
        var (g, fuse) = Gemm(s);
        var inputs = ModelCheck.RandomInputs(g, 3, 2f);
        var host = ModelCheck.AssertMatchesReference(g, inputs, fuse, options: new CodeGenOptions { Target = Host });
        Assert.Contains("host/aarch64 variant", host.Files["model.c"]);
        var portable = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Portable });
        Assert.DoesNotContain("host/aarch64 variant", portable.Files["model.c"]);
        // Same sums in the same order: identical bits, also when the host build is vectorised for this CPU.
        AssertSameBits(HostC.Run(portable, inputs), HostC.Run(host, inputs, Native));
    }

    /// <summary>
    /// A run-time B (attention's Q K^T and softmax x V) in BatchedMatMulKernel's row tiles: whole
    /// tiles and left-over rows, whole column blocks and a tail, broadcast batch dims, a fused activation.
    /// </summary>
    [Theory]
    [InlineData(new[] { 2, 9, 5 }, new[] { 2, 5, 37 })]
    [InlineData(new[] { 1, 3, 8, 6 }, new[] { 1, 3, 6, 8 })]
    [InlineData(new[] { 3, 17 }, new[] { 2, 17, 20 })]
    [InlineData(new[] { 2, 1, 4, 33 }, new[] { 3, 33, 16 })]
    public void Batched_matmul_row_tiles_match_reference_and_the_portable_loop_bit_for_bit(int[] aShape, int[] bShape)
    {
        var b = new GraphBuilder("batched_mm");
        var a = b.Input("a", DataType.Float32, aShape.Select(d => (long)d).ToArray());
        var w = b.Input("b", DataType.Float32, bShape.Select(d => (long)d).ToArray());
        b.Output(b.OpNamed("act", "Tanh", new[] { b.OpNamed("mm", "MatMul", new[] { a, w }) }));
        var inputs = ModelCheck.RandomInputs(b.Graph, 4, 2f);
        var host = ModelCheck.AssertMatchesReference(b.Graph, inputs, g => ModelCheck.Fuse(g, "mm", "act"), options: new CodeGenOptions { Target = Host });
        Assert.Contains("#pragma GCC unroll 1", host.Files["model.c"]);
        var portable = CCodeGenerator.Generate(b.Graph, new CodeGenOptions { Target = Portable }); // fused by the check above
        Assert.DoesNotContain("#pragma", portable.Files["model.c"]);
        AssertSameBits(HostC.Run(portable, inputs), HostC.Run(host, inputs, Native));
    }

    [Theory]
    [InlineData("mlp-tanh")]
    [InlineData("mlp-relu")]
    public void Example_mlps_on_host_are_bit_identical_to_the_portable_kernel(string name)
    {
        var g = ExampleModels.Get(name);
        var inputs = ModelCheck.RandomInputs(g, 9, 1.5f);
        void Fuse(ModelGraph f)
        {
            ModelCheck.Fuse(f, "fc1", "act1");
            ModelCheck.Fuse(f, "fc2", "act2");
        }
        var host = ModelCheck.AssertMatchesReference(g, inputs, Fuse, options: new CodeGenOptions { Target = Host });
        var portable = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Portable });
        AssertSameBits(HostC.Run(portable, inputs), HostC.Run(host, inputs, Native));
    }

    [Fact]
    public void MatMul_with_leading_dims_takes_the_host_variant()
    {
        var b = new GraphBuilder("matmul_rows");
        var a = b.Input("a", DataType.Float32, 2, 3, 9);
        var y = b.OpNamed("mm", "MatMul", new[] { a, b.Constant("w", ModelCheck.Random(new[] { 9, 20 }, 7)) });
        b.Output(b.OpNamed("act", "Tanh", new[] { y }));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 8), g => ModelCheck.Fuse(g, "mm", "act"),
            options: new CodeGenOptions { Target = Host });
        Assert.Contains("host/aarch64 variant", model.Files["model.c"]);
    }

    [Fact]
    public void Weights_are_padded_to_whole_vectors_on_host_only()
    {
        // N = 11: one block padded to 16 columns on host; the portable kernel stores exactly K x N.
        var (g, fuse) = Gemm(new Shape("n11", 1, 5, 11));
        fuse(g);
        var host = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Host });
        var portable = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Portable });
        Assert.Equal((5 * 11 + 11) * 4L, portable.WeightBytes);
        Assert.Equal((5 * 16 + 16) * 4L, host.WeightBytes);
    }

    /// <summary>
    /// The tanh helper's post-op loop vectorises only with AVX-512: GCC 12 jump-threads the
    /// helper's clamp (x * x becomes a constant on the clamped path), and the multiply left on
    /// the other path may trap (-ftrapping-math), so without masked vector operations it stays
    /// scalar. Relu's loop vectorises everywhere.
    /// </summary>
    [Theory]
    [InlineData("mlp-relu", "-O3", true)]
    [InlineData("mlp-tanh", "-O3", false)]
    [InlineData("mlp-relu", "-O3 -march=native", true)]
    [InlineData("mlp-tanh", "-O3 -march=native", true)]
    public void Gcc_vectorises_the_multiply_add_and_the_post_op_loops(string name, string flags, bool postOps)
    {
        if (name == "mlp-tanh" && !HasAvx512()) postOps = false;
        var g = ExampleModels.Get(name);
        ModelCheck.Fuse(g, "fc1", "act1");
        ModelCheck.Fuse(g, "fc2", "act2");
        var model = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Host });
        var lines = model.Files["model.c"].Split('\n');
        var vectorised = VectorisedLines(model, flags);
        bool Vectorised(int index) => vectorised.Contains(index + 1);
        int Header(int i, string loop) => Enumerable.Range(0, i).Last(h => lines[h].TrimStart().StartsWith(loop));

        var multiplyAdds = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("acc[j] += xk * w[j]")).ToList();
        Assert.Equal(3, multiplyAdds.Count);
        // The single-output last layer of mlp-tanh is one scalar chain: nothing to vectorise. A
        // 4-wide one GCC may unroll and vectorise over k instead (products in parallel, sums in order).
        foreach (var i in multiplyAdds.Where(i => !lines[i].Contains("j < 1;")))
            Assert.True(Vectorised(i) || Vectorised(Header(i, "for (k = 0;")), $"not vectorised: {lines[i].Trim()}");
        if (!postOps) return;
        // The store loops with the fused activations (fc1, fc2).
        var posts = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("y[j] = ") && !lines[i].Contains("y[j] = v;")).ToList();
        Assert.Equal(2, posts.Count);
        foreach (var i in posts)
            Assert.True(Vectorised(Header(i, "for (j = 0;")), $"post-op loop not vectorised: {lines[i].Trim()}");
    }

    /// <summary>Line numbers of model.c that gcc -fopt-info-vec-optimized reports as vectorised loops.</summary>
    private static HashSet<int> VectorisedLines(GeneratedModel model, string flags)
    {
        var dir = Directory.CreateTempSubdirectory("etk-vec-").FullName;
        try
        {
            model.WriteTo(dir);
            var psi = new System.Diagnostics.ProcessStartInfo("gcc", $"{HostC.Flags} {flags} -fopt-info-vec-optimized -c model.c -o model.o")
                { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var report = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, report);
            return Regex.Matches(report, @"model\.c:(\d+):\d+: optimized: loop vectorized").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        }
        finally { Directory.Delete(dir, true); }
    }

    private static bool HasAvx512() =>
        File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains(" avx512f");

    [Fact]
    public void Aarch64_variant_is_bit_identical_to_the_portable_kernel_on_host()
    {
        if (!HostC.OnPath("aarch64-linux-gnu-gcc") || !HostC.OnPath("qemu-aarch64")) return;
        foreach (var s in new[] { new Shape("n65", 2, 5, 65, Post: "Tanh"), new Shape("n3", 1, 7, 3, Bias: "runtime", Post: "Relu"),
                     new Shape("rows6-n21", 6, 9, 21, Bias: "per-row", Post: "Tanh") })
        {
            var (g, fuse) = Gemm(s);
            var inputs = ModelCheck.RandomInputs(g, 5, 2f);
            fuse(g);
            var arm = CCodeGenerator.Generate(g, new CodeGenOptions { Target = TargetProfile.ForTarget("aarch64") });
            Assert.Contains("host/aarch64 variant", arm.Files["model.c"]);
            var portable = CCodeGenerator.Generate(g, new CodeGenOptions { Target = Portable });
            AssertSameBits(HostC.Run(portable, inputs), HostC.Run(arm, inputs, "-static", "aarch64-linux-gnu-gcc", "qemu-aarch64"));
        }
    }

    private static void AssertSameBits(Dictionary<string, Tensor> want, Dictionary<string, Tensor> got)
    {
        foreach (var (name, t) in want)
        {
            Assert.DoesNotContain(t.Floats, float.IsNaN);
            Assert.Equal(HostC.ToBytes(t), HostC.ToBytes(got[name]));
        }
    }
}
