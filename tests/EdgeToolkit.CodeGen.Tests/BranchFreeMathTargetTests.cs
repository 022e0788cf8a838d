using System.Globalization;
using System.Text;
using EdgeToolkit.CodeGen.Runtime;
using EdgeToolkit.Targets.Running;
using Xunit.Abstractions;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>
/// etk_expf, etk_erff, etk_sigmoidf and etk_tanhf give the same bits on every target: the host
/// (branch-free, in a loop GCC vectorises), AArch64, and Cortex-M4 and M0 (calls that branch;
/// the M0 in soft float). Per function a hash of the results on 8192 inputs: every float class
/// (bit patterns spread over all 2^32) and a grid over [-12, 12). NaN results count as one NaN:
/// their payload is each FPU's own.
/// </summary>
public class BranchFreeMathTargetTests(ITestOutputHelper output)
{
    private static readonly (string Helper, string Function)[] Functions =
        { ("exp", "etk_expf"), ("erf", "etk_erff"), ("sigmoid", "etk_sigmoidf"), ("tanh", "etk_tanhf") };

    [Theory]
    [InlineData("aarch64", "qemu-aarch64")]
    [InlineData("cortex-m4", "qemu-system-arm")]
    [InlineData("cortex-m0", "qemu-system-arm")]
    public void Results_are_bit_identical_to_the_host(string target, string tool)
    {
        if (!HostC.OnPath(tool)) return;
        var host = Run("host");
        var other = Run(target);
        foreach (var (_, function) in Functions)
            Assert.True(host.Hashes[function] == other.Hashes[function], $"{function}: {target} gives other bits than the host");
        if (target == "cortex-m4")
            foreach (var (_, function) in Functions)
                output.WriteLine($"Cortex-M4 {function}: {other.Instructions[function] / (double)Inputs:F1} instructions per element of a loop over 8192 inputs");
    }

    private const int Inputs = 8192, Block = 512;

    private sealed record TargetResult(Dictionary<string, string> Hashes, Dictionary<string, long> Instructions);

    private static TargetResult Run(string target)
    {
        var dir = Directory.CreateTempSubdirectory("etk-math-target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.c"), Program());
            var run = TimedProgram.Run(target, null, dir, Array.Empty<string>());
            var hashes = run.StdOut.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length == 3 && w[0] == "h").ToDictionary(w => w[1], w => w[2]);
            var instructions = run.Instructions.ToDictionary(kv => kv.Key, kv => kv.Value.Sum());
            return new TargetResult(hashes, instructions);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string Program()
    {
        var c = new StringBuilder("#include <stdint.h>\n#include <string.h>\n#include \"edgetk_timed.h\"\n\n");
        c.Append(PortableMath.Code(Functions.Select(f => f.Helper)));
        c.Append($$"""

            /* In blocks: a micro:bit's M0 has 16 KB of RAM. */
            static float x[{{Block}}], y[{{Block}}];
            static uint32_t h;

            /* Inputs n = block * {{Block}} + i: bit patterns spread over all 2^32 below {{Inputs / 2}}, a grid over [-12, 12) above. */
            static void fill(int block)
            {
                int i;
                for (i = 0; i < {{Block}}; i++) {
                    const uint32_t n = (uint32_t)(block * {{Block}} + i), u = n * 0x9e3779b1u;
                    if (n < {{Inputs / 2}}u) memcpy(&x[i], &u, 4);
                    else x[i] = -12.0f + (float)(n - {{Inputs / 2}}u) * {{CNames.Float(24f / (Inputs / 2))}};
                }
            }

            /* FNV-1a over the results' bits, every NaN as the quiet NaN */
            static void hash(void)
            {
                uint32_t u;
                int i;
                for (i = 0; i < {{Block}}; i++) {
                    memcpy(&u, &y[i], 4);
                    if (y[i] != y[i]) u = 0x7fc00000u;
                    h = (h ^ u) * 16777619u;
                }
            }

            int main(void)
            {
                int b, i;

            """);
        foreach (var (_, function) in Functions)
        {
            c.Append($"    h = 2166136261u;\n    for (b = 0; b < {Inputs / Block}; b++) {{\n        fill(b);\n");
            c.Append($"        EDGETK_TIMED(\"{function}\", for (i = 0; i < {Block}; i++) y[i] = {function}(x[i]));\n");
            c.Append("        hash();\n    }\n");
            c.Append($"    edgetk_line_begin(\"h {function}\");\n    edgetk_line_hex32(h);\n    edgetk_line_end();\n");
        }
        c.Append("    edgetk_print(\"done\\n\");\n    return 0;\n}\n");
        return c.ToString();
    }
}
