using System.Text.Json.Nodes;
using EdgeToolkit.Targets;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Our own --dynamic output, end to end through the CLI: `quantize models/reasoning-arith --dynamic`
/// writes DynamicQuantizeLinear + MatMulInteger graphs, and `verify` compiles that file to C and
/// finds it equal to ONNX Runtime (which fuses the chains into DynamicQuantizeMatMul) on the host
/// and on the emulated Cortex-M4. Inputs cover the whole vocabulary and context (config.json),
/// not only verify's default integers 0..9. Weight bytes and instructions against the float model
/// are printed, never asserted.
/// </summary>
public class DynamicReasoningTests(ITestOutputHelper output)
{
    [Fact]
    public void Quantized_reasoning_model_compiles_and_matches_onnx_runtime_on_host_and_cortex_m4()
    {
        var floatModel = Path.Combine(RepoPaths.Root, "models", "reasoning-arith");
        var dir = CliRunner.TempDir();
        try
        {
            var (code, quantized, err) = CliRunner.RunJson("quantize", floatModel, "--dynamic", "-o", Path.Combine(dir, "int8"));
            Assert.True(code == 0, err);
            var int8Model = Path.Combine(dir, "int8", "model.onnx");

            var model = JsonNode.Parse(File.ReadAllText(Path.Combine(floatModel, "config.json")))!["model"]!;
            string[] ranges = { "--input", $"token=0..{(int)model["vocab"]! - 1}", "--input", $"position=0..{(int)model["max_context"]! - 1}" };
            JsonObject Verify(string path, string target, int inputs)
            {
                var (exit, v, e) = CliRunner.RunJson(new[] { "verify", path, "--target", target, "--inputs", inputs.ToString() }.Concat(ranges).ToArray());
                Assert.True(exit == 0 && (bool)v["ok"]!, $"verify {path} on {target}: {v["problems"]?.ToJsonString()} {e}");
                return v;
            }
            foreach (var target in new[] { "host", "cortex-m4" })
            {
                var v = Verify(int8Model, target, inputs: 16);
                // Not only within verify's tolerance: no element off, so no activation was quantized to a different step than in ORT.
                Assert.Equal(0, (long)v["mismatches"]!);
                output.WriteLine($"int8 on {target}: {v["cases"]} cases, max abs error {v["max_abs_error"]} vs ONNX Runtime, weight bytes {v["weight_bytes"]}, " +
                                 $"instructions/inference {v["instructions_per_inference"]?.ToString() ?? "-"}");
            }
            // Fewer cases for the float model: the harness keeps each case's 36 kB of float states in flash beside 600 kB of weights.
            var f = Verify(floatModel, "cortex-m4", inputs: 4);
            output.WriteLine($"float on cortex-m4: weight bytes {f["weight_bytes"]}, instructions/inference {f["instructions_per_inference"]}; " +
                             $"quantize reported {quantized["weight_bytes_float"]} -> {quantized["weight_bytes_int8"]} bytes of initializers");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
