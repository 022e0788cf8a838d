namespace EdgeToolkit.Cli.Tests;

public class CompileAndInspectTests
{
    [Fact]
    public void Compile_writes_the_files_and_a_makefile_that_builds()
    {
        var outDir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, json, err) = CliRunner.RunJson("compile", "builtin:cnn", "--target", "host", "-o", outDir);
        Assert.True(exit == 0, err);
        foreach (var f in new[] { "model.c", "model.h", "Makefile", "report.json" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Equal((long)json["arena_bytes"]!, (long)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")))!["arena_bytes"]!);
        var header = File.ReadAllText(Path.Combine(outDir, "model.h"));
        Assert.Contains("cnn_run(", header);
        Assert.Contains("cnn_run_arena(", header);
        Assert.Contains("CNN_ARENA_BYTES", header);

        var make = Targets.Tools.ProcessRunner.Run("make", new[] { "-C", outDir }, null, TimeSpan.FromMinutes(2));
        Assert.True(make.ExitCode == 0, make.CombinedOutput);
        Assert.True(File.Exists(Path.Combine(outDir, "libmodel.a")));
    }

    [Fact]
    public void Inspect_reports_ops_params_macs_and_board_fit()
    {
        var (exit, json, err) = CliRunner.RunJson("inspect", "builtin:cnn");
        Assert.True(exit == 0, err);
        // conv1 8x1x3x3+8, conv2 16x8x3x3+16, fc 10x400+10: counted by hand
        Assert.Equal(80 + 1168 + 4010, (long)json["parameters"]!);
        // MACs the CNN needs: conv1 26*26*8*9, conv2 11*11*16*72, fc 400*10 (a fused pool may skip some conv outputs)
        Assert.InRange((long)json["macs"]!, 100_000, 26 * 26 * 8 * 9 + 11 * 11 * 16 * 72 + 4000);
        Assert.Equal(3, (int)json["ops"]!["Conv"]! + (int)json["ops"]!["Gemm"]!);
        Assert.Contains(json["boards"]!.AsArray(), b => (string)b!["board"]! == "microbit" && (bool)b["fits"]!);
    }

    [Fact]
    public void Doctor_lists_every_tool()
    {
        var (exit, json, _) = CliRunner.RunJson("doctor");
        Assert.Contains(json["tools"]!.AsArray(), t => (string)t!["name"]! == "qemu-system-arm");
        Assert.Equal((bool)json["ok"]! ? 0 : 3, exit);
    }
}
