using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// verify --stream N --state IN=OUT: consecutive chunks with the recurrent state carried on the
/// device. The model is a leaky integrator (s' = 0.9 s + x, y = tanh(s')), so every chunk's
/// output depends on all chunks before it: a harness that dropped the state would fail against
/// ONNX Runtime, which carries its own.
/// </summary>
public class StreamingVerifyTests
{
    private static string Integrator()
    {
        var b = new GraphBuilder("integrator");
        var x = b.Input("x", DataType.Float32, 1, 8);
        var s = b.Input("s", DataType.Float32, 1, 8);
        var decay = b.Constant("decay", new Tensor(DataType.Float32, new[] { 1 }, new[] { 0.9f }));
        var next = b.Rename(b.Op("Add", new[] { b.Op("Mul", new[] { s, decay }), x }), "s_next");
        b.Output(b.Rename(b.Op("Tanh", new[] { next }), "y"));
        b.Output(next);
        return TestModels.Save(b.Graph, CliRunner.TempDir(), "integrator.onnx");
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Every_chunk_matches_onnx_runtime_with_the_state_carried_on_the_device(string target)
    {
        var (exit, json, err) = CliRunner.RunJson("verify", Integrator(), "--target", target, "--stream", "6", "--state", "s=s_next");
        Assert.True(exit == 0, err + json);
        Assert.Equal(6, (int)json["cases"]!);
        var stream = json["stream"]!;
        Assert.Equal(6, stream["chunk_max_abs_error"]!.AsArray().Count);
        Assert.All(stream["chunk_max_abs_error"]!.AsArray(), e => Assert.True((double)e! <= 1e-5));
        Assert.Equal("s=s_next", (string)stream["state"]![0]!);
        Assert.Equal(target == "cortex-m4", stream["instructions_per_chunk"] != null);
    }

    [Theory]
    [InlineData("s=nope", "no output 'nope'")]
    [InlineData("nope=s_next", "no input 'nope'")]
    [InlineData("s=s_next,s=y", "more than one output")]
    public void Bad_state_pairs_are_clear_errors(string pair, string message)
    {
        var (exit, _, err) = CliRunner.Run("verify", Integrator(), "--target", "host", "--stream", "2", "--state", pair);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, err);
        Assert.Contains("--state", err);
    }

    [Fact]
    public void Stream_needs_a_state()
    {
        var (exit, _, err) = CliRunner.Run("verify", Integrator(), "--target", "host", "--stream", "2");
        Assert.Equal(2, exit);
        Assert.Contains("--state", err);
    }
}
