using EdgeToolkit.Tflite.Tests.Models;
using Xunit.Abstractions;

namespace EdgeToolkit.Tflite.Tests;

/// <summary>A .tflite path through the CLI: verify compiles the imported graph for the host and checks it against ONNX Runtime.</summary>
public class CliTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("float")]
    [InlineData("int8")]
    public void Verify_on_host_passes_and_takes_the_integer_path_for_int8(string kind)
    {
        var path = Path.Combine(CliRunner.TempDir(), $"{kind}_cnn.tflite");
        File.WriteAllBytes(path, kind == "int8" ? TestModels.Int8Cnn() : TestModels.FloatCnn());
        var (exit, json, err) = CliRunner.RunJson("verify", path, "--target", "host", "--inputs", "4");
        output.WriteLine(json.ToJsonString());
        Assert.True(exit == 0, err);
        Assert.True((bool)json["ok"]!);
        Assert.Equal(kind == "int8", (bool)json["quantized"]!);
        if (kind == "int8") Assert.True((bool)json["integer_reference"]!["bit_exact"]!);
    }

    [Fact]
    public void A_truncated_model_exits_2_naming_the_file()
    {
        var path = Path.Combine(CliRunner.TempDir(), "cut.tflite");
        var model = TestModels.FloatCnn();
        File.WriteAllBytes(path, model[..(model.Length / 2)]);
        var (exit, _, err) = CliRunner.Run("inspect", path);
        Assert.Equal(2, exit);
        Assert.Contains(path, err);
        Assert.Contains("truncated or corrupt", err);
    }
}
