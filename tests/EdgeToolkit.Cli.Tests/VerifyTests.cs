namespace EdgeToolkit.Cli.Tests;

/// <summary>verify end to end: generated C on each target against ONNX Runtime, and the JSON contract.</summary>
public class VerifyTests
{
    [Theory]
    [InlineData("builtin:mlp-tanh", "cortex-m4")]
    [InlineData("builtin:mlp-relu", "cortex-m0")]
    [InlineData("builtin:cnn", "cortex-m4")]
    [InlineData("builtin:cnn", "host")]
    [InlineData("builtin:mlp-tanh", "aarch64")]
    [InlineData("builtin:mlp-tanh", "cortex-m3")]
    [InlineData("builtin:mlp-relu", "cortex-m7")]
    [InlineData("builtin:mlp-tanh", "cortex-m33")]
    public void Verify_matches_onnx_runtime(string model, string target)
    {
        var (exit, json, err) = CliRunner.RunJson("verify", model, "--target", target, "--inputs", "4");
        Assert.True(exit == 0, err + json);
        Assert.True((bool)json["ok"]!);
        Assert.Equal(target, (string)json["target"]!);
        Assert.Equal(4, (int)json["cases"]!);
        Assert.True((double)json["max_abs_error"]! <= 1e-4);
        foreach (var field in new[] { "board", "atol", "rtol", "max_rel_error", "flash_bytes", "ram_bytes", "arena_bytes", "stack_bytes", "instructions_per_inference", "ns_per_inference" })
            Assert.True(json.ContainsKey(field), $"missing field {field}");
        bool mcu = target.StartsWith("cortex");
        Assert.Equal(mcu, json["instructions_per_inference"] != null);
        Assert.Equal(target == "host", json["ns_per_inference"] != null);
        Assert.Equal(mcu, json["board"] != null);
        Assert.True((long)json["flash_bytes"]! > 0);
    }

    [Fact]
    public void Instruction_counts_are_identical_across_runs()
    {
        var (_, a, _) = CliRunner.RunJson("verify", "builtin:mlp-tanh", "--target", "cortex-m4", "--inputs", "2");
        var (_, b, _) = CliRunner.RunJson("verify", "builtin:mlp-tanh", "--target", "cortex-m4", "--inputs", "2", "--seed", "7");
        Assert.Equal((long)a["instructions_per_inference"]!, (long)b["instructions_per_inference"]!);
    }

    [Fact]
    public void Test_case_folder_uses_its_reference_data()
    {
        var dir = Path.Combine(Pipeline.ConformanceRunner.DataRoot, "node", "test_conv_with_strides_padding");
        if (!Directory.Exists(dir)) return; // libonnx-testdata absent: the conformance suite says so
        var (exit, json, err) = CliRunner.RunJson("verify", dir, "--target", "cortex-m4");
        Assert.True(exit == 0, err);
        Assert.Equal("test-case reference outputs", (string)json["reference"]!);
    }
}

public class WeightsBlobTests
{
    [Theory]
    [InlineData("cortex-m4")]
    [InlineData("host")]
    public void Weights_as_a_linked_blob_give_the_same_results(string target)
    {
        var (exit, json, err) = CliRunner.RunJson("verify", "builtin:cnn", "--target", target, "--weights-blob", "--inputs", "2");
        Assert.True(exit == 0, err);
        var outDir = Path.Combine(CliRunner.TempDir(), "out");
        var (c, _, err2) = CliRunner.Run("compile", "builtin:cnn", "--target", target, "--weights-blob", "-o", outDir);
        Assert.True(c == 0, err2);
        Assert.True(File.Exists(Path.Combine(outDir, "model_weights.bin")));
        Assert.Contains(".incbin", File.ReadAllText(Path.Combine(outDir, "model_weights.S")));
        Assert.True(new FileInfo(Path.Combine(outDir, "model_weights.bin")).Length >= (long)json["weight_bytes"]!);
    }
}

public class FastModeTests
{
    [Fact]
    public void Fast_mode_fuses_multiply_adds_still_agrees_and_says_so()
    {
        var (e1, exact, _) = CliRunner.RunJson("verify", "builtin:mlp-relu", "--target", "cortex-m4", "--inputs", "2");
        var (e2, fast, err) = CliRunner.RunJson("verify", "builtin:mlp-relu", "--target", "cortex-m4", "--inputs", "2", "--fast");
        Assert.Equal(0, e1);
        Assert.True(e2 == 0, err);
        Assert.True((long)fast["instructions_per_inference"]! < (long)exact["instructions_per_inference"]!);
        Assert.Contains("-ffp-contract=fast", (string)fast["compile_command"]!);
        Assert.Contains("not bit-identical", (string)fast["numerics"]!);
    }
}
