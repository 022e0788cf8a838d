using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>The integer kernels' C (KernelZoo) compiles at the generated-C warning bar, -pedantic included, for each compiler and core family.</summary>
public class WarningFreeTests
{
    private const string Flags = "-std=c99 -pedantic -O2 -Wall -Wextra -Werror -ffp-contract=off";

    [Theory]
    [InlineData("gcc", "host", "")]
    [InlineData("aarch64-linux-gnu-gcc", "aarch64", "")]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("arm-none-eabi-gcc", "cortex-m4", "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")]
    [InlineData("arm-none-eabi-gcc", "cortex-m33", "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")]
    public void Compiles_warning_free(string compiler, string target, string cpuFlags)
    {
        var model = CCodeGenerator.Generate(KernelZoo.Build(), new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
        var dir = Directory.CreateTempSubdirectory("etk-qconv-").FullName;
        try
        {
            model.WriteTo(dir);
            foreach (var source in model.Sources)
            {
                var args = $"{Flags} {cpuFlags} -c {source} -o {source}.o".Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var r = ProcessRunner.Run(compiler, args, dir, TimeSpan.FromMinutes(2));
                Assert.True(r.ExitCode == 0 && r.CombinedOutput.Trim().Length == 0, $"{compiler} {source}:\n{r.CombinedOutput}");
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
