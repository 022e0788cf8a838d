using System.Collections.Concurrent;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// What every dense kernel zoo (int8, 16x8) must show: its generated C equals the reference
/// evaluator bit for bit on every target (one build and run per target, all cases batched), and
/// also when code generated for Cortex-M4 (its portable #else loops) or Cortex-M0 (its float-free
/// or soft-float QuantizeLinear) runs on the host; and it compiles warning-free as C99 with
/// -pedantic for each core family (the target runs use -Wall -Wextra -Werror, not -pedantic).
/// </summary>
public abstract class KernelZooTargetTests
{
    private static readonly ConcurrentDictionary<Type, Lazy<(ModelGraph, List<IReadOnlyDictionary<string, Tensor>>)>> Zoos = new();

    protected abstract ModelGraph BuildZoo();
    protected abstract List<IReadOnlyDictionary<string, Tensor>> ZooInputs();

    /// <summary>The zoo, optimised, and its cases: built once per test class.</summary>
    protected (ModelGraph Graph, List<IReadOnlyDictionary<string, Tensor>> Cases) Zoo =>
        Zoos.GetOrAdd(GetType(), _ => new(() => (DenseRuns.Optimised(BuildZoo()), ZooInputs()))).Value;

    [Theory]
    [InlineData("host", null)]
    [InlineData("aarch64", null)]
    [InlineData("cortex-m0", null)]
    [InlineData("cortex-m3", null)]
    [InlineData("cortex-m4", null)]
    [InlineData("cortex-m7", null)]
    [InlineData("cortex-m33", null)]
    [InlineData("host", "cortex-m4")]
    [InlineData("host", "cortex-m0")]
    public void MatchesTheReferenceBitForBit(string target, string? codeFor)
    {
        var (graph, cases) = Zoo;
        var result = DenseRuns.Run(graph, target, cases, codeFor);
        DenseAssert.BitExact(graph, cases, result.Outputs);
    }

    [Theory]
    [InlineData("gcc", "host", "")]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m33", "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("arm-none-eabi-gcc", "cortex-m3", "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64", "")]
    public void CompilesWarningFree(string compiler, string target, string flags)
    {
        if (!HostGcc.OnPath(compiler)) return;
        HostGcc.CompileOnly(DenseRuns.Generate(Zoo.Graph, target), compiler, flags);
    }
}
