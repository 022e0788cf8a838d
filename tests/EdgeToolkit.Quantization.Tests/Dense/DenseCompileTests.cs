namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// The dense integer kernels' C (KernelZoo: SMLAD and portable QGemm, QLookup, both QuantizeLinear
/// forms, DequantizeLinear) compiles warning-free as C99 with -pedantic for each core family
/// (the target runs build with -Wall -Wextra -Werror too, but not -pedantic).
/// </summary>
public class DenseCompileTests
{
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
        HostGcc.CompileOnly(DenseRuns.Generate(DenseRuns.Optimised(KernelZoo.Build()), target), compiler, flags);
    }
}
