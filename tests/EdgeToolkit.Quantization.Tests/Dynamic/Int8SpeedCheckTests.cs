using System.Runtime.InteropServices;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Quantization.Dynamic;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>The int8-vs-float prediction on /proc/cpuinfo texts of real kinds of CPU.</summary>
public class Int8SpeedCheckTests(ITestOutputHelper output)
{
    private static string X86(string model, string flags) =>
        $"processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: {model}\nflags\t\t: {flags}\n\nprocessor\t: 1\nmodel name\t: {model}\nflags\t\t: {flags}\n";

    private const string Base = "fpu vme de pse tsc msr sse sse2 ssse3 sse4_1 sse4_2 popcnt";

    [Fact]
    public void Avx512_vnni_predicts_int8_faster()
    {
        var cpu = CpuFeatures.FromCpuInfo(X86("AMD EPYC 9R14", $"{Base} avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16"), Architecture.X64);
        var a = Int8SpeedCheck.Assess(cpu);
        Assert.True(a.Int8LikelyFaster);
        Assert.Equal("AMD EPYC 9R14", a.Cpu);
        Assert.Equal(new[] { "avx512_vnni", "avx512bw", "avx2" }, a.Features);
        Assert.Contains("avx512_vnni", a.Explanation);
    }

    [Fact]
    public void Avx_vnni_without_avx512_predicts_int8_faster()
    {
        var a = Int8SpeedCheck.Assess(CpuFeatures.FromCpuInfo(X86("12th Gen Intel(R) Core(TM) i7-1260P", $"{Base} avx avx2 fma avx_vnni"), Architecture.X64));
        Assert.True(a.Int8LikelyFaster);
        Assert.Contains("avx_vnni", a.Features);
    }

    [Theory]
    [InlineData("avx avx2 fma")]
    [InlineData("avx avx2 fma avx512f avx512bw avx512vl")] // Skylake-SP: AVX-512 but no VNNI
    public void Avx2_or_avx512_without_vnni_says_int8_may_be_slower(string simd)
    {
        var a = Int8SpeedCheck.Assess(CpuFeatures.FromCpuInfo(X86("Intel(R) Xeon(R) Gold 6148", $"{Base} {simd}"), Architecture.X64));
        Assert.False(a.Int8LikelyFaster);
        Assert.Contains("may be no faster than float, or slower", a.Explanation);
        Assert.Contains("no VNNI", a.Explanation);
        Assert.DoesNotContain(a.Features, f => f.Contains("vnni"));
    }

    [Fact]
    public void Sse_only_predicts_int8_slower()
    {
        var a = Int8SpeedCheck.Assess(CpuFeatures.FromCpuInfo(X86("Intel(R) Atom(TM) CPU N270", Base), Architecture.X86));
        Assert.False(a.Int8LikelyFaster);
        Assert.Contains("slower than float", a.Explanation);
        Assert.Empty(a.Features);
    }

    [Fact]
    public void Arm_phone_with_dot_product_predicts_int8_faster()
    {
        // A big.LITTLE phone: the little cores list the same dot-product flag; i8mm only on some.
        const string text = "processor\t: 0\nBogoMIPS\t: 38.40\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\nCPU implementer\t: 0x41\nCPU part\t: 0xd05\n\n"
            + "processor\t: 7\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp i8mm\nCPU implementer\t: 0x41\nCPU part\t: 0xd41\n\nHardware\t: Qualcomm Technologies, Inc SM8150\n";
        var cpu = CpuFeatures.FromCpuInfo(text, Architecture.Arm64);
        var a = Int8SpeedCheck.Assess(cpu);
        Assert.True(a.Int8LikelyFaster);
        Assert.Equal("Qualcomm Technologies, Inc SM8150", a.Cpu);
        Assert.Equal(new[] { "asimddp", "asimd" }, a.Features); // i8mm is not on every core, so it does not count
        Assert.Contains("dot-product", a.Explanation);
    }

    [Fact]
    public void Arm_with_i8mm_names_the_matrix_instructions()
    {
        var a = Int8SpeedCheck.Assess(CpuFeatures.FromCpuInfo("processor\t: 0\nFeatures\t: fp asimd asimddp sve i8mm bf16\nCPU part\t: 0xd4f\n", Architecture.Arm64));
        Assert.True(a.Int8LikelyFaster);
        Assert.Contains("smmla", a.Explanation);
        Assert.Equal("Arm64 CPU part 0xd4f", a.Cpu);
    }

    [Fact]
    public void Arm_without_dot_product_says_int8_may_be_slower()
    {
        // Cortex-A53 (Raspberry Pi 3): NEON, no sdot/udot.
        var a = Int8SpeedCheck.Assess(CpuFeatures.FromCpuInfo("processor\t: 0\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU part\t: 0xd03\n", Architecture.Arm64));
        Assert.False(a.Int8LikelyFaster);
        Assert.Contains("may be slower than float", a.Explanation);
        Assert.Equal(new[] { "asimd" }, a.Features);
    }

    /// <summary>An AVX-512 VNNI server, as in the issue.</summary>
    public static CpuFeatures Vnni => CpuFeatures.FromCpuInfo(X86("AMD EPYC", $"{Base} avx avx2 avx512bw avx512_vnni"), Architecture.X64);

    /// <summary>x -> layers chained d x d MatMuls.</summary>
    private static ModelGraph Chain(int d, int layers)
    {
        var b = new GraphBuilder("chain");
        var h = b.Input("x", DataType.Float32, 1, d);
        for (int l = 0; l < layers; l++) h = b.Op("MatMul", new[] { h, b.Constant($"w{l}", Tensor.FromFloats(new[] { d, d }, new float[d * d])) });
        b.Output(h);
        return b.Graph;
    }

    [Fact]
    public void Small_layers_overrule_a_cpu_with_int8_instructions()
    {
        var a = Int8SpeedCheck.Assess(Vnni, Chain(64, 4));
        Assert.False(a.Int8LikelyFaster);
        Assert.Contains("may be slower than float for this model", a.Explanation);
        Assert.Contains("median 4,096 weights of 4 matrices", a.Explanation);
        Assert.Equal(Int8SpeedCheck.Assess(Vnni).Features, a.Features);
    }

    [Fact]
    public void Large_layers_keep_the_cpus_verdict_either_way()
    {
        var (byCpu, withModel) = (Int8SpeedCheck.Assess(Vnni), Int8SpeedCheck.Assess(Vnni, Chain(256, 2)));
        Assert.Equal((true, byCpu.Explanation), (withModel.Int8LikelyFaster, withModel.Explanation));
        var avx2 = CpuFeatures.FromCpuInfo(X86("Intel(R) Core(TM) i7-8700", $"{Base} avx avx2"), Architecture.X64);
        Assert.False(Int8SpeedCheck.Assess(avx2, Chain(512, 2)).Int8LikelyFaster);
    }

    [Fact]
    public void A_model_without_weight_matrices_has_nothing_to_gain()
    {
        var b = new GraphBuilder("scores");
        b.Output(b.Op("MatMul", new[] { b.Input("q", DataType.Float32, 4, 8), b.Input("k", DataType.Float32, 8, 4) }));
        var a = Int8SpeedCheck.Assess(Vnni, b.Graph);
        Assert.False(a.Int8LikelyFaster);
        Assert.Contains("nothing to gain", a.Explanation);
    }

    [Fact]
    public void This_machine_is_assessed_from_its_own_cpu()
    {
        var a = Int8SpeedCheck.Assess();
        output.WriteLine($"{a.Cpu}: int8 likely faster = {a.Int8LikelyFaster} [{string.Join(", ", a.Features)}] {a.Explanation}");
        var again = Int8SpeedCheck.Assess(CpuFeatures.Current());
        Assert.Equal((again.Int8LikelyFaster, again.Cpu, again.Explanation), (a.Int8LikelyFaster, a.Cpu, a.Explanation));
        Assert.Equal(again.Features, a.Features);
        // What .NET detects counts even where /proc/cpuinfo is missing; on Linux the file decides VNNI.
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) Assert.Contains("avx2", a.Features);
        if (System.Runtime.Intrinsics.Arm.Dp.IsSupported) Assert.True(a.Int8LikelyFaster);
        if (File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains(" avx512_vnni")) Assert.True(a.Int8LikelyFaster);
    }
}
