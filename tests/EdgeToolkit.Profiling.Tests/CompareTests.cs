using System.Text.Json.Nodes;

namespace EdgeToolkit.Profiling.Tests;

public class CompareTests
{
    [Fact]
    public void Compare_prints_both_sides_and_ratios_of_their_figures()
    {
        var (exit, json, err) = CliRunner.RunJson("profile", "builtin:mlp-tanh", "--compare", "builtin:mlp-relu", "--targets", "ort,cortex-m4", "--runs", "200");
        Assert.True(exit == 0, err);
        Assert.Equal("builtin:mlp-tanh", (string)json["a"]!["model"]!);
        Assert.Equal("builtin:mlp-relu", (string)json["b"]!["model"]!);
        var ratios = json["ratios"]!.AsObject();
        int checkedRatios = 0;
        foreach (var target in new[] { "ort", "cortex-m4" })
        {
            var a = Side(json["a"]!, target);
            var b = Side(json["b"]!, target);
            foreach (var field in new[] { "instructions_per_inference", "flash_bytes", "ram_bytes", "arena_bytes", "stack_bytes", "p50_ns", "p99_ns", "macs" })
            {
                if (a[field] is null) { Assert.False(ratios[target]!.AsObject().ContainsKey(field) && ratios[target]![field] != null); continue; }
                double expected = (double)b[field]! / (double)a[field]!;
                Assert.Equal(expected, (double)ratios[target]![field]!, 12);
                checkedRatios++;
            }
        }
        Assert.True(checkedRatios >= 8, $"{checkedRatios} ratios checked");
    }

    [Fact]
    public void Compare_options_profile_a_second_build_of_the_same_model()
    {
        var (exit, json, err) = CliRunner.RunJson("profile", "builtin:cnn", "--compare", "builtin:cnn", "--compare-options", "--no-fuse", "--targets", "cortex-m4");
        Assert.True(exit == 0, err);
        var unfused = Cli.Pipeline.Compiler.Compile(Cli.Pipeline.ModelSource.Load("builtin:cnn"), new Cli.Pipeline.ModelOptions { Target = "cortex-m4", Fuse = false });
        var fused = Cli.Pipeline.Compiler.Compile(Cli.Pipeline.ModelSource.Load("builtin:cnn"), new Cli.Pipeline.ModelOptions { Target = "cortex-m4" });
        Assert.Equal(fused.Code.ArenaBytes, (long)Side(json["a"]!, "cortex-m4")["arena_bytes"]!);
        Assert.Equal(unfused.Code.ArenaBytes, (long)Side(json["b"]!, "cortex-m4")["arena_bytes"]!);
        Assert.Equal((double)unfused.Code.ArenaBytes / fused.Code.ArenaBytes, (double)json["ratios"]!["cortex-m4"]!["arena_bytes"]!, 12);
    }

    [Fact]
    public void A_ratio_is_null_where_a_side_is_null_or_a_is_zero()
    {
        JsonObject Side(double? x, long? y) => new() { ["targets"] = new JsonArray(new JsonObject { ["target"] = "host", ["x"] = x, ["y"] = y }) };
        var r = ProfileComparison.Ratios(Side(2.0, 0), Side(3.0, 5))["host"]!;
        Assert.Equal(1.5, (double)r["x"]!);
        Assert.Null(r["y"]);
        var r2 = ProfileComparison.Ratios(Side(2.0, 4), Side(null, 6))["host"]!;
        Assert.Null(r2["x"]);
        Assert.Equal(1.5, (double)r2["y"]!);
    }

    private static JsonObject Side(JsonNode side, string target) =>
        side["targets"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string)t["target"]! == target);
}
