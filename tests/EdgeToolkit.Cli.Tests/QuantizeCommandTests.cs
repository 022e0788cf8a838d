using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Cli.Tests;

/// <summary>`edgetk quantize`: the JSON contract, model folders in and out, calibration sources, and the errors users can hit.</summary>
public class QuantizeCommandTests : IDisposable
{
    private readonly string _tmp = CliRunner.TempDir();
    private static string Model(string name) => Path.Combine(RepoPaths.Root, "models", name);

    public void Dispose() { Directory.Delete(_tmp, recursive: true); }

    [Fact]
    public void JsonCarriesTheContractFieldsAndTheFileRunsInOnnxRuntime()
    {
        var output = Path.Combine(_tmp, "msd.int8.onnx");
        var (code, json, err) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", "control-msd", "--samples", "50", "-o", output);
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.True((bool)json["ok"]!);
        Assert.Equal(output, (string)json["output"]!);
        Assert.Equal("minmax", (string)json["method"]!);
        Assert.True((bool)json["per_channel"]!);
        Assert.Equal(50, (int)json["calibration"]!["samples"]!);
        Assert.Contains("control-msd", (string)json["calibration"]!["source"]!);
        Assert.False((bool)json["accuracy_checked"]!);
        Assert.Null(json["metric"]);
        Assert.Empty(json["excluded"]!.AsArray());
        var quantized = json["quantized_nodes"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("fc1", quantized);
        Assert.Contains("fc3", quantized);
        Assert.NotNull(json["float_nodes"]);
        Assert.True((long)json["weight_bytes_int8"]! < (long)json["weight_bytes_float"]!);
        var layers = json["layers"]!.AsArray();
        Assert.NotEmpty(layers);
        foreach (var l in layers)
            foreach (var field in new[] { "tensor", "node", "op", "sqnr_db", "max_abs_error", "scale", "zero_point" })
                Assert.True(l!.AsObject().ContainsKey(field), $"layer without {field}: {l}");
        Assert.Contains(json["notes"]!.AsArray(), n => ((string)n!).Contains("accuracy was not checked"));
        Assert.Contains("calibration:", err);   // progress on stderr

        var g = OnnxImporter.Load(output);
        Assert.Contains(g.Nodes, n => n.OpType == "QuantizeLinear");
        using var session = new OrtSession(File.ReadAllBytes(output));
        var y = session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1, 7 }, new float[7]) })["y"];
        Assert.Equal(2, y.Length);
        Assert.Empty(Directory.GetFiles(_tmp, "*partial*"));
    }

    [Fact]
    public void Int16ActivationsWriteOpset21ThatOnnxRuntimeRunsAndVerifyPasses()
    {
        var output = Path.Combine(_tmp, "msd-16x8");
        var (code, json, err) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", "control-msd", "--samples", "50",
            "--activations", "int16", "-o", output);
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal("int16", (string)json["activations"]!);
        Assert.Contains(json["notes"]!.AsArray(), n => ((string)n!).Contains("to 21"));
        var g = OnnxImporter.Load(Path.Combine(output, "model.onnx"));
        Assert.Equal(21, g.Opset);
        Assert.All(g.Nodes.Where(n => n.OpType == "QuantizeLinear"), q => Assert.Equal(DataType.Int16, g.Initializers[q.Inputs[2]].Type));
        Assert.Contains("int16 symmetric per tensor", File.ReadAllText(Path.Combine(output, "card.md")));

        // The C against the C# evaluator bit for bit, and against ONNX Runtime within one int16 step.
        var (vcode, verify, verr) = CliRunner.RunJson("verify", output, "--target", "host", "--inputs", "20");
        Assert.True(vcode == 0, $"{verify}\n{verr}");
        Assert.True((bool)verify["integer_reference"]!["bit_exact"]!);
        Assert.True((double)verify["within_one_step_fraction"]! >= 0.99);
    }

    [Fact]
    public void ModelFolderInModelFolderOut()
    {
        var output = Path.Combine(_tmp, "health-int8");
        var (code, json, err) = CliRunner.RunJson("quantize", Model("health-events"), "--calibration", "health", "--samples", "50", "-o", output);
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Model("health-events"), "config.json")), File.ReadAllBytes(Path.Combine(output, "config.json")));
        var card = File.ReadAllText(Path.Combine(output, "card.md"));
        Assert.StartsWith(File.ReadAllText(Path.Combine(Model("health-events"), "card.md")).TrimEnd(), card);
        var section = card[card.IndexOf("## Quantization", StringComparison.Ordinal)..];
        Assert.Contains("./edgetk quantize", section);
        Assert.Contains("--calibration health", section);
        Assert.Contains("not checked", section);
        Assert.True(File.Exists(Path.Combine(output, "model.onnx")));
        Assert.Empty(Directory.GetDirectories(_tmp, "*partial*"));

        // The folder is a model folder: evaluate finds its data set in the card and its config beside it.
        var (ecode, ejson, eerr) = CliRunner.RunJson("evaluate", output, "--limit", "200");
        Assert.True(ecode == 0, $"{ejson}\n{eerr}");
        Assert.Equal("health", (string)ejson["dataset"]!);
    }

    [Fact]
    public void RandomCalibrationSaysAccuracyWasNotChecked()
    {
        var (code, json, _) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", "random:7", "--samples", "20", "-o", Path.Combine(_tmp, "r.onnx"));
        Assert.Equal(0, code);
        Assert.Equal("random:7", (string)json["calibration"]!["source"]!);
        Assert.False((bool)json["accuracy_checked"]!);
        var notes = json["notes"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains(notes, n => n.Contains("random inputs") && n.Contains("pipeline only"));
        Assert.Contains(notes, n => n.Contains("accuracy was not checked"));
    }

    [Fact]
    public void MaxDropReportsBothMetricsAndTheNodesItKeptFloat()
    {
        var (code, json, err) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", "control-msd", "--samples", "100",
            "--dataset", "control-msd", "--max-drop", "0.05", "-o", Path.Combine(_tmp, "m.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        var m = json["metric"]!;
        Assert.Equal("nrmse_pct_range", (string)m["name"]!);
        Assert.Equal("relative", (string)m["budget"]!);
        Assert.Equal(0.05, (double)m["max_drop"]!);
        Assert.True((double)m["int8"]! <= (double)m["float"]! * 1.05);
        Assert.Equal((double)m["int8"]! - (double)m["float"]!, (double)m["drop"]!, 12);
        Assert.True((bool)json["accuracy_checked"]!);
        var excluded = json["excluded"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.NotEmpty(excluded);
        Assert.All(excluded, e => Assert.Contains(e, json["float_nodes"]!.AsArray().Select(n => (string)n!)));
        Assert.Contains("excluded", err);   // the search's progress on stderr
    }

    [Fact]
    public void ExcludeTakesSeveralNodeNames()
    {
        var (code, json, err) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", "random:1", "--samples", "10",
            "--exclude", "fc1", "fc3", "-o", Path.Combine(_tmp, "e.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal(new[] { "fc1", "fc3" }, json["excluded"]!.AsArray().Select(n => (string)n!));
        var quantized = json["quantized_nodes"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.DoesNotContain("fc1", quantized);
        Assert.Contains("fc2", quantized);
    }

    [Fact]
    public void PeopleGetTablesWorstTensorFirst()
    {
        var (code, stdout, _) = CliRunner.Run("quantize", Model("control-msd"), "--calibration", "random:1", "--samples", "10", "-o", Path.Combine(_tmp, "t.onnx"));
        Assert.Equal(0, code);
        Assert.Contains("per-tensor error against float, worst first", stdout);
        Assert.Contains("SQNR dB", stdout);
        Assert.Contains("accuracy", stdout);
    }

    public static TheoryData<string[], string, string?> UsageErrors() => new()
    {
        { new[] { "--calibration", "random:1", "--method", "median", "-o", "X/o.onnx" }, "--method median", null },
        { new[] { "--calibration", "random:1" }, "missing -o", null },
        { new[] { "-o", "X/o.onnx" }, "missing --calibration", null },
        { new[] { "--calibration", "random:1", "--max-drop", "0.01", "-o", "X/o.onnx" }, "--max-drop needs --dataset", null },
        { new[] { "--calibration", "fashion-mnist", "-o", "X/o.onnx" }, "input 'x'", null },
        { new[] { "--calibration", "random:1", "--exclude", "fc9", "-o", "X/o.onnx" }, "--exclude fc9", null },
        { new[] { "--calibration", "no-such-data", "-o", "X/o.onnx" }, "no such folder or data set", null },
        { new[] { "--calibration", "random:1", "--per-channel", "--per-tensor", "-o", "X/o.onnx" }, "exclude each other", null },
        { new[] { "--dynamic", "--calibration", "random:1", "-o", "X/o.onnx" }, "--calibration does not apply to --dynamic", null },
        { new[] { "--dynamic", "--method", "entropy", "-o", "X/o.onnx" }, "--method does not apply to --dynamic", null },
        { new[] { "--dynamic" }, "missing -o", null },
        { new[] { "--calibration", "random:1", "--activations", "int4", "-o", "X/o.onnx" }, "--activations int4", null },
        { new[] { "--calibration", "random:1", "--activations", "int16", "--method", "entropy", "-o", "X/o.onnx" }, "--method entropy does not apply to --activations int16", null },
        { new[] { "--dynamic", "--activations", "int16", "-o", "X/o.onnx" }, "--activations does not apply to --dynamic", null },
        { new[] { "--calibration", "X/empty", "-o", "X/o.onnx" }, "no .pb input files", "X/empty" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void BadInputIsExitCode2WithAMessageAndAHint(string[] options, string message, string? file)
    {
        Directory.CreateDirectory(Path.Combine(_tmp, "empty"));
        var args = new[] { "quantize", Model("control-msd") }.Concat(options.Select(o => o.Replace("X/", _tmp + "/"))).ToArray();
        var (code, json, _) = CliRunner.RunJson(args);
        Assert.Equal(2, code);
        Assert.False((bool)json["ok"]!);
        var error = json["error"]!;
        Assert.Contains(message, (string)error["message"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["hint"]));
        if (file != null) Assert.Equal(file.Replace("X/", _tmp + "/"), (string)error["file"]!);
        Assert.False(File.Exists(Path.Combine(_tmp, "o.onnx")));   // nothing written
    }

    [Fact]
    public void APbFileShapedUnlikeTheInputIsNamed()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_tmp, "calib")).FullName;
        TensorProtoFile.Write(Path.Combine(dir, "input_0.pb"), "x", Tensor.FromFloats(new[] { 1, 7 }, new float[7]));
        TensorProtoFile.Write(Path.Combine(dir, "input_1.pb"), "x", Tensor.FromFloats(new[] { 1, 5 }, new float[5]));
        var (code, json, _) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", dir, "-o", Path.Combine(_tmp, "o.onnx"));
        Assert.Equal(2, code);
        Assert.Equal(Path.Combine(dir, "input_1.pb"), (string)json["error"]!["file"]!);
        Assert.Contains("float[1x5]", (string)json["error"]!["message"]!);
    }

    [Fact]
    public void AFolderOfPbInputsCalibrates()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_tmp, "calib")).FullName;
        var rng = new Random(3);
        for (int i = 0; i < 6; i++)
            TensorProtoFile.Write(Path.Combine(dir, $"input_{i}.pb"), "", Tensor.FromFloats(new[] { 1, 7 }, Enumerable.Range(0, 7).Select(_ => (float)rng.NextDouble()).ToArray()));
        var (code, json, err) = CliRunner.RunJson("quantize", Model("control-msd"), "--calibration", dir, "--method", "percentile", "-o", Path.Combine(_tmp, "p.onnx"));
        Assert.True(code == 0, $"{json}\n{err}");
        Assert.Equal(6, (int)json["calibration"]!["samples"]!);
        Assert.Equal("percentile", (string)json["method"]!);
    }
}
