using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// `edgetk prune`: the issue's goals on the models that fine-tune in seconds (control, health), the
/// size and speed goals on the CNN, distillation of an imported model, the honest unstructured
/// report, and the errors users can hit. Fashion-MNIST and reasoning accuracy after long
/// fine-tuning are measured by `benchmark --prune` (docs/pruning.md), not here.
/// </summary>
public class PruneCommandTests : IDisposable
{
    private readonly string _tmp = CliRunner.TempDir();
    private static string Model(string name) => Path.Combine(RepoPaths.Root, "models", name);

    public void Dispose() { Directory.Delete(_tmp, recursive: true); }

    private static double D(JsonObject j, string key) => (double)j[key]!;
    private static long L(JsonObject j, string key) => (long)j[key]!;

    private static void AssertSmallerAndFaster(JsonObject json)
    {
        Assert.True(L(json, "params_after") <= 0.5 * L(json, "params_before"), $"params {json["params_before"]} -> {json["params_after"]}");
        Assert.True(L(json, "weight_bytes_after") <= 0.55 * L(json, "weight_bytes_before"), "at least 45% less weight flash");
        Assert.True(L(json, "flash_after") < L(json, "flash_before"));
        Assert.True(L(json, "instructions_after") <= 0.6 * L(json, "instructions_before"),
            $"at least 40% fewer instructions: {json["instructions_before"]} -> {json["instructions_after"]}");
        Assert.True(L(json, "macs_after") < L(json, "macs_before"));
        Assert.True(L(json, "arena_after") <= L(json, "arena_before"));
        Assert.True((bool)json["verified_against_ort"]!, "the pruned C matches ONNX Runtime on the board");
        foreach (var g in json["groups"]!.AsArray().Select(g => g!.AsObject()).Where(g => g["not_pruned_because"] == null))
            Assert.Equal(0, (int)g["channels_after"]! % 4);
    }

    [Fact]
    public void ControlModelAtHalfTheParametersKeepsItsRmseWithinFivePercent()
    {
        var output = Path.Combine(_tmp, "msd-pruned");
        var (code, json, err) = CliRunner.RunJson("prune", Model("control-msd"), "--keep", "0.5", "--finetune-steps", "16000", "-o", output);
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal("adaptive", (string)json["method"]!);
        Assert.Equal("nrmse_pct_range", (string)json["metric"]!);
        Assert.Equal("mps2-an386", (string)json["board"]!);
        AssertSmallerAndFaster(json);
        Assert.True(D(json, "metric_after") <= 1.05 * D(json, "metric_before"), $"nrmse {json["metric_before"]} -> {json["metric_after"]}");
        Assert.True(json["steps"]!.AsArray().Count >= 5, "the adaptive schedule removes a few percent at a time");
        Assert.Contains("fine-tune", err);   // progress on stderr
        // A model folder: its config and card come along, the card with a pruning section; the pruned model evaluates like any other.
        Assert.Contains("## Pruning", File.ReadAllText(Path.Combine(output, "card.md")));
        var (evalCode, eval, _) = CliRunner.RunJson("evaluate", output, "--limit", "500");
        Assert.Equal(0, evalCode);
        Assert.Equal("control-msd", (string)eval["dataset"]!);
    }

    [Fact]
    public void HealthModelAtHalfTheParametersKeepsItsF1WithinOnePoint()
    {
        var output = Path.Combine(_tmp, "health.onnx");
        var (code, json, err) = CliRunner.RunJson("prune", Model("health-events"), "--keep", "0.5", "--finetune-steps", "1000", "-o", output);
        Assert.True(code == 0, $"{json}\n{err}");
        AssertSmallerAndFaster(json);
        Assert.Equal("macro_f1", (string)json["metric"]!);
        Assert.True(D(json, "metric_after") >= D(json, "metric_before") - 0.01, $"macro-F1 {json["metric_before"]} -> {json["metric_after"]}");
        // The three heads touch the outputs: they keep their width.
        Assert.Equal(3, json["groups"]!.AsArray().Count(g => g!["not_pruned_because"] != null));
    }

    [Fact]
    public void TheCnnAtHalfTheParametersNeedsFortyPercentFewerInstructions()
    {
        var (code, json, err) = CliRunner.RunJson("prune", Model("fashion-cnn"), "--keep", "0.5", "--method", "l1", "--finetune-steps", "10",
            "--limit", "100", "-o", Path.Combine(_tmp, "cnn.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        AssertSmallerAndFaster(json);
        Assert.Equal(7, json["groups"]!.AsArray().Count(g => g!["not_pruned_because"] == null));
    }

    /// <summary>
    /// The decoder step at half the parameters: heads, residual stream and feed-forward widths shrink together, the caches
    /// with them, and a token costs at least 40% fewer instructions. Uniform L1 without fine-tuning: the widths (and so the
    /// counts) are what the benchmark's fine-tuned model has; its accuracy is docs/pruning.md's.
    /// </summary>
    [Fact]
    public void TheDecoderAtHalfTheParametersNeedsFortyPercentFewerInstructionsPerToken()
    {
        var (code, json, err) = CliRunner.RunJson("prune", Model("reasoning-arith"), "--keep", "0.5", "--method", "l1", "--finetune-steps", "0",
            "--limit", "5", "-o", Path.Combine(_tmp, "arith.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        AssertSmallerAndFaster(json);
        var heads = json["groups"]!.AsArray().Select(g => g!.AsObject()).Single(g => ((string)g["kind"]!).StartsWith("heads", StringComparison.Ordinal));
        Assert.Equal(3, (int)heads["units_after"]!);
        var cache = OnnxImporter.Load(Path.Combine(_tmp, "arith.onnx")).Inputs.Single(i => i.Name == "past_keys");
        Assert.Equal(new[] { 3, 24, 48 }, cache.Shape.ToConcrete());
    }

    [Fact]
    public void AnImportedModelIsDistilledFromItsUnprunedSelf()
    {
        var source = Path.Combine(_tmp, "mlp.onnx");
        File.WriteAllBytes(source, OnnxExporter.ToBytes(EdgeToolkit.Graph.Builders.ExampleModels.Get("mlp-relu")));
        double ErrorAfter(int steps)
        {
            var output = Path.Combine(_tmp, $"mlp-{steps}.onnx");
            var (code, json, err) = CliRunner.RunJson("prune", source, "--keep", "0.6", "--finetune-steps", steps.ToString(), "--no-measure", "-o", output);
            Assert.True(code == 0, $"{json}\n{err}");
            Assert.Null(json["metric"]);
            Assert.Contains("distillation", (string)json["objective"]!);
            Assert.Equal("magnitude", (string)json["channel_ranking"]!);
            using var teacher = new OrtSession(File.ReadAllBytes(source));
            using var student = new OrtSession(File.ReadAllBytes(output));
            var rng = new Random(5);
            double sum = 0;
            var input = OnnxImporter.Load(source).Inputs[0];
            for (int i = 0; i < 64; i++)
            {
                var x = Tensor.FromFloats(input.Shape.ToConcrete(), Enumerable.Range(0, (int)input.Shape.ElementCount!).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray());
                var feed = new Dictionary<string, Tensor> { [input.Name] = x };
                var a = teacher.Run(feed).Values.First().Floats;
                var b = student.Run(feed).Values.First().Floats;
                sum += a.Zip(b).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second));
            }
            return sum;
        }
        double untuned = ErrorAfter(0), tuned = ErrorAfter(400);
        Assert.True(tuned < 0.5 * untuned, $"distillation should pull the pruned model back towards the original: {untuned:G3} -> {tuned:G3}");
    }

    [Fact]
    public void APrunedModelGoesOnThroughQuantizeCompileAndVerify()
    {
        var pruned = Path.Combine(_tmp, "health-pruned");
        var (code, json, err) = CliRunner.RunJson("prune", Model("health-events"), "--keep", "0.5", "--method", "l1", "--finetune-steps", "100", "--no-measure", "-o", pruned);
        Assert.True(code == 0, $"{json}\n{err}");
        var int8 = Path.Combine(_tmp, "health-pruned-int8");
        (code, json, err) = CliRunner.RunJson("quantize", pruned, "--calibration", "health", "--samples", "100", "-o", int8);
        Assert.True(code == 0, $"{json}\n{err}");
        (code, json, err) = CliRunner.RunJson("verify", int8, "--target", "cortex-m4", "--inputs", "2");
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.True((bool)json["ok"]!);
        Assert.True((bool)json["integer_reference"]!["bit_exact"]!);
        Assert.True(L(json, "weight_bytes") < 0.6 * 12_412, "half the parameters: well under the unpruned int8 model's 12,412 weight bytes (docs/quantization.md)");
    }

    [Fact]
    public void UnstructuredMasksAreReportedAsSavingNothing()
    {
        var (code, json, err) = CliRunner.RunJson("prune", Model("control-msd"), "--keep", "0.5", "--unstructured", "--limit", "200",
            "-o", Path.Combine(_tmp, "masked.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal(L(json, "flash_before"), L(json, "flash_after"));
        Assert.Equal(L(json, "instructions_before"), L(json, "instructions_after"));
        Assert.Equal(L(json, "params_before"), L(json, "params_after"));
        Assert.True(L(json, "nonzero_weights_after") <= L(json, "nonzero_weights_before") / 2 + 1);
        Assert.Contains(json["notes"]!.AsArray(), n => ((string)n!).Contains("save nothing without sparse kernels"));
    }

    [Fact]
    public void BadRequestsGetClearErrors()
    {
        var (code, _, err) = CliRunner.Run("prune", Model("control-msd"), "--keep", "1.5", "-o", Path.Combine(_tmp, "x.onnx"));
        Assert.Equal(2, code);
        Assert.Contains("--keep", err);
        (code, _, err) = CliRunner.Run("prune", Model("control-msd"), "--keep", "0.02", "--method", "l1", "--finetune-steps", "0", "--no-measure",
            "-o", Path.Combine(_tmp, "y.onnx"));
        Assert.Equal(2, code);
        Assert.Contains("raise --keep", err);
        Assert.False(File.Exists(Path.Combine(_tmp, "y.onnx")), "no half-written output");
        (code, _, err) = CliRunner.Run("prune", Model("control-msd"), "--keep", "0.5", "--method", "random", "-o", Path.Combine(_tmp, "z.onnx"));
        Assert.Equal(2, code);
        Assert.Contains("adaptive, l1 or taylor", err);
    }
}
