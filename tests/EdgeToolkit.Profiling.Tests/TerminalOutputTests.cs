namespace EdgeToolkit.Profiling.Tests;

public class TerminalOutputTests
{
    [Fact]
    public void People_get_tables_with_how_each_figure_was_measured()
    {
        var (exit, stdout, err) = CliRunner.Run("profile", "builtin:mlp-tanh", "--targets", "ort", "--runs", "100");
        Assert.True(exit == 0, err);
        Assert.Contains("how it was measured", stdout);
        Assert.Contains("latency p50 / p90 / p99", stdout);
        Assert.Contains("IoBinding", stdout);
        Assert.DoesNotContain("{", stdout);   // no JSON without --json
    }

    [Fact]
    public void Unknown_target_is_a_usage_error()
    {
        var (exit, json, _) = CliRunner.RunJson("profile", "builtin:mlp-tanh", "--targets", "ort,cortex-m9");
        Assert.Equal(2, exit);
        Assert.Contains("cortex-m9", (string)json["error"]!["message"]!);
    }
}
