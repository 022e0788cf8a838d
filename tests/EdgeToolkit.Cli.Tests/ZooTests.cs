using System.Text.Json.Nodes;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// The model zoo through the CLI: every committed model compiles and matches ONNX Runtime on
/// host, aarch64 and cortex-m4, meets the issue's accuracy targets on held-out data, and every
/// training task runs end to end (quick mode) into a folder that evaluate then reads.
/// </summary>
public class ZooTests
{
    private static string Models => Path.Combine(RepoPaths.Root, "models");

    public static TheoryData<string, string> ModelsOnTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (var m in new[] { "control-msd", "control-tendon", "control-hasel", "health-events", "fashion-cnn", "reasoning-arith" })
            foreach (var t in new[] { "host", "aarch64", "cortex-m4" }) data.Add(m, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsOnTargets))]
    public void CommittedModelVerifiesOnTarget(string model, string target)
    {
        var dir = Path.Combine(Models, model);
        var args = new List<string> { "verify", dir, "--target", target, "--inputs", "3" };
        // A decoder takes token ids and positions, not uniform floats: feed in-range values.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        if (config["decoder"] is JsonObject dec)
        {
            int vocab = config["vocabulary"]!.AsArray().Count;
            args.AddRange(new[] { "--input", $"{dec["token_input"]}=0..{vocab - 1}", "--input", $"{dec["position_input"]}=0..{(int)dec["max_context"]! - 1}" });
        }
        var (code, json, err) = CliRunner.RunJson(args.ToArray());
        Assert.True(code == 0, $"{model} on {target}: exit {code}\n{json}\n{err}");
        Assert.True((bool)json["ok"]!);
    }

    [Theory]
    [InlineData("control-msd", "control-msd", null, 1.0)]
    [InlineData("control-tendon", "control-tendon", null, 3.0)]
    [InlineData("control-hasel", "control-hasel", null, 3.0)]
    [InlineData("fashion-cnn", "fashion-mnist", 0.925, null)]
    public void CommittedModelMeetsItsTarget(string model, string dataset, double? min, double? max)
    {
        var args = new List<string> { "evaluate", Path.Combine(Models, model), "--dataset", dataset };
        if (min is double lo) args.AddRange(new[] { "--min", lo.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (max is double hi) args.AddRange(new[] { "--max", hi.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var (code, json, err) = CliRunner.RunJson(args.ToArray());
        Assert.True(code == 0, $"{model}: {json}\n{err}");
        Assert.Equal(dataset, (string)json["dataset"]!);
        Assert.Equal("ort", (string)json["target"]!);
        Assert.True((int)json["samples"]! >= 1000);
    }

    [Theory]
    [InlineData("arithmetic-add", 0.99)]
    [InlineData("arithmetic-sub", 0.99)]
    [InlineData("arithmetic-mul", 0.97)]
    public void ReasoningModelSolvesHeldOutProblems(string dataset, double min)
    {
        var (code, json, err) = CliRunner.RunJson("evaluate", Path.Combine(Models, "reasoning-arith"), "--dataset", dataset, "--limit", "300",
            "--min", min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal(300, (int)json["samples"]!);
        Assert.Equal("exact_match", (string)json["metric"]!);
    }

    [Fact]
    public void ScratchpadIsWhatMakesMultiplicationWork()
    {
        var (_, with, _) = CliRunner.RunJson("evaluate", Path.Combine(Models, "reasoning-arith"), "--dataset", "arithmetic-mul", "--limit", "200");
        var (_, without, _) = CliRunner.RunJson("evaluate", Path.Combine(Models, "reasoning-arith-noscratch"), "--dataset", "arithmetic-mul", "--limit", "200");
        Assert.True((double)with["value"]! - (double)without["value"]! > 0.5, $"with {with["value"]}, without {without["value"]}");
    }

    [Fact]
    public void ReasoningDecodesOnTheEmulatedBoardLikeOnnxRuntime()
    {
        var (code, board, err) = CliRunner.RunJson("evaluate", Path.Combine(Models, "reasoning-arith"), "--dataset", "arithmetic-mul", "--target", "cortex-m4", "--limit", "8");
        Assert.True(code == 0, err);
        var (_, ort, _) = CliRunner.RunJson("evaluate", Path.Combine(Models, "reasoning-arith"), "--dataset", "arithmetic-mul", "--limit", "8");
        Assert.Equal((double)ort["value"]!, (double)board["value"]!);
        Assert.Equal("mps2-an386", (string)board["board"]!);
        Assert.True((double)board["figures"]!["instructions_per_token"]! > 100_000);
    }

    [Fact]
    public void HealthModelBeatsBothBaselinesOnEveryTask()
    {
        var (code, json, err) = CliRunner.RunJson("evaluate", Path.Combine(Models, "health-events"));
        Assert.True(code == 0, err);
        var d = json["details"]!;
        foreach (var task in new[] { "stress", "readiness", "sleep_quality" })
        {
            double model = (double)d[$"{task}_macro_f1"]!;
            Assert.True(model > (double)d[$"{task}_majority_macro_f1"]!, $"{task}: model {model} vs majority");
            Assert.True(model > (double)d[$"{task}_logistic_macro_f1"]!, $"{task}: model {model} vs logistic regression");
        }
    }

    [Theory]
    [InlineData("control", "--plant", "tendon")]
    [InlineData("health", null, null)]
    [InlineData("reasoning", null, null)]
    [InlineData("vision", null, null)]
    public void QuickTrainingWritesAFolderThatEvaluateReads(string task, string? option, string? value)
    {
        var dir = Path.Combine(CliRunner.TempDir(), task);
        var args = new List<string> { "train", task, "--quick", "-o", dir };
        if (option != null) args.AddRange(new[] { option, value! });
        var (code, json, err) = CliRunner.RunJson(args.ToArray());
        Assert.True(code == 0, $"{json}\n{err}");
        foreach (var f in new[] { "model.onnx", "card.md", "config.json" }) Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Contains($"./edgetk train {task}", File.ReadAllText(Path.Combine(dir, "card.md")));

        var (evalCode, eval, evalErr) = CliRunner.RunJson("evaluate", dir, "--limit", "20");
        Assert.True(evalCode == 0, $"{eval}\n{evalErr}");
        Assert.Equal("ort", (string)eval["target"]!);
        Assert.True((int)eval["samples"]! > 0);
        Assert.True(double.IsFinite((double)eval["value"]!));
    }

    [Fact]
    public void UnknownTaskOptionAndDatasetAreUsageErrors()
    {
        Assert.Equal(2, CliRunner.Run("train", "poetry").Exit);
        Assert.Equal(2, CliRunner.Run("train", "health", "--plant", "msd").Exit);
        Assert.Equal(2, CliRunner.Run("evaluate", Path.Combine(Models, "control-msd"), "--dataset", "imagenet").Exit);
        Assert.Equal(2, CliRunner.Run("evaluate", "builtin:cnn").Exit); // no card, no --dataset
    }

    [Fact]
    public void DemoTrainsCompilesAndScoresOnTheBoard()
    {
        var dir = Path.Combine(CliRunner.TempDir(), "demo-msd");
        var (code, json, err) = CliRunner.RunJson("demo", "-o", dir);
        Assert.True(code == 0, err);
        Assert.True((bool)json["ok"]!);
        Assert.True(File.Exists(Path.Combine(dir, "card.md")));
        Assert.Equal("cortex-m4", (string)json["evaluation"]!["target"]!);
        Assert.True((double)json["evaluation"]!["value"]! < 1.0, "msd one-step error above 1% of range");
    }
}
