namespace EdgeToolkit.Cli.Tests;

/// <summary>Bad input: one clear message naming file, node and op, the right exit code, and nothing left behind.</summary>
public class BadInputTests
{
    [Fact]
    public void Truncated_file_is_exit_2_and_names_the_file()
    {
        var dir = CliRunner.TempDir();
        var full = File.ReadAllBytes(TestModels.Save(TestModels.Symbolic(), dir, "full.onnx"));
        var cut = Path.Combine(dir, "cut.onnx");
        File.WriteAllBytes(cut, full[..(full.Length / 2)]);
        var outDir = Path.Combine(dir, "out");
        var (exit, _, err) = CliRunner.Run("compile", cut, "--target", "cortex-m4", "-o", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("cut.onnx", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Garbage_file_is_exit_2()
    {
        var dir = CliRunner.TempDir();
        var path = Path.Combine(dir, "garbage.onnx");
        File.WriteAllBytes(path, Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var (exit, json, _) = CliRunner.RunJson("verify", path, "--target", "host");
        Assert.Equal(2, exit);
        Assert.False((bool)json["ok"]!);
        Assert.Contains("garbage.onnx", (string)json["error"]!["message"]!);
    }

    [Fact]
    public void Unsupported_op_names_node_and_op_and_writes_nothing()
    {
        var dir = CliRunner.TempDir();
        var path = TestModels.Save(TestModels.Unsupported(), dir, "unsupported.onnx");
        var outDir = Path.Combine(dir, "out");
        var (exit, _, err) = CliRunner.Run("compile", path, "--target", "cortex-m4", "-o", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("mystery", err);
        Assert.Contains("DeformConv", err);
        Assert.Contains("unsupported.onnx", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Symbolic_dim_without_value_asks_for_shape()
    {
        var dir = CliRunner.TempDir();
        var path = TestModels.Save(TestModels.Symbolic(), dir, "symbolic.onnx");
        var outDir = Path.Combine(dir, "out");
        var (exit, _, err) = CliRunner.Run("compile", path, "--target", "cortex-m4", "-o", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("--shape", err);
        Assert.False(Directory.Exists(outDir));

        var (ok, _, err2) = CliRunner.Run("compile", path, "--target", "cortex-m4", "--shape", "x=1x16", "-o", outDir);
        Assert.True(ok == 0, err2);
        Assert.True(File.Exists(Path.Combine(outDir, "model.c")));
    }

    [Fact]
    public void Model_too_large_for_the_board_is_exit_1_with_the_overflow()
    {
        var dir = CliRunner.TempDir();
        var path = TestModels.Save(TestModels.TooLargeForMicrobit(), dir, "big.onnx");
        var (exit, _, err) = CliRunner.Run("verify", path, "--target", "cortex-m0", "--inputs", "1");
        Assert.Equal(1, exit);
        Assert.Contains("microbit", err);
        Assert.Contains("flash", err);
    }

    [Fact]
    public void Missing_file_and_unknown_option_are_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("inspect", "/nonexistent/model.onnx").Exit);
        Assert.Equal(2, CliRunner.Run("verify", "builtin:cnn", "--tagret", "host").Exit);
        Assert.Equal(2, CliRunner.Run("verify", "builtin:cnn", "--target", "pdp11").Exit);
    }
}
