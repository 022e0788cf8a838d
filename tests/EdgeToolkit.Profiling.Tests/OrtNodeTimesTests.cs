using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Profiling.Tests;

public class OrtNodeTimesTests
{
    [Fact]
    public void Kernel_time_events_become_median_ns_per_node_in_run_order()
    {
        // The shape of ORT's Chrome-trace profile: session events, then per run one Node event per kernel.
        const string json = """
            [
            {"cat":"Session","pid":1,"tid":1,"dur":500,"ts":1,"ph":"X","name":"model_loading_array","args":{}},
            {"cat":"Node","pid":1,"tid":1,"dur":3,"ts":10,"ph":"X","name":"conv_fence_before","args":{"op_name":"Conv"}},
            {"cat":"Node","pid":1,"tid":1,"dur":40,"ts":11,"ph":"X","name":"conv_kernel_time","args":{"op_name":"Conv","provider":"CPUExecutionProvider"}},
            {"cat":"Node","pid":1,"tid":1,"dur":9,"ts":60,"ph":"X","name":"fc_kernel_time","args":{"op_name":"Gemm"}},
            {"cat":"Node","pid":1,"tid":1,"dur":10,"ts":100,"ph":"X","name":"conv_kernel_time","args":{"op_name":"Conv"}},
            {"cat":"Node","pid":1,"tid":1,"dur":5,"ts":120,"ph":"X","name":"fc_kernel_time","args":{"op_name":"Gemm"}},
            {"cat":"Node","pid":1,"tid":1,"dur":12,"ts":200,"ph":"X","name":"conv_kernel_time","args":{"op_name":"Conv"}},
            {"cat":"Node","pid":1,"tid":1,"dur":7,"ts":220,"ph":"X","name":"fc_kernel_time","args":{"op_name":"Gemm"}}
            ]
            """;
        var nodes = OrtNodeTimes.Parse(json);
        Assert.Equal(new[] { "conv", "fc" }, nodes.Select(n => n.Node));
        Assert.Equal(new[] { "Conv", "Gemm" }, nodes.Select(n => n.Op));
        Assert.Equal(12_000, nodes[0].MedianNs);  // median of 40, 10, 12 us: the slow first run does not count
        Assert.Equal(7_000, nodes[1].MedianNs);
        Assert.All(nodes, n => Assert.Equal(3, n.Runs));
    }

    [Fact]
    public void A_real_ort_profile_of_the_cnn_has_its_convolutions_and_dense_layer()
    {
        var source = ModelSource.Load("builtin:cnn");
        var input = InputGenerator.Generate(source.Graph.Inputs, 1, 1, new Dictionary<string, (long, long)>())[0];
        var profile = OrtProfiler.Profile(source.OnnxBytes, input, new OrtProfileOptions(Warmup: 5, Runs: 50, PerNode: true, ProfiledRuns: 5));
        var ops = profile.Layers!.Select(l => l.Op).ToList();
        Assert.Equal(2, ops.Count(o => o == "Conv"));
        Assert.Contains("Gemm", ops);
        Assert.All(profile.Layers!, l => Assert.True(l.Ns > 0));
        Assert.Equal(50, profile.Latency!.Count);
        Assert.True(profile.SessionCreateMs > 0);
        Assert.True(profile.Latency.P50 <= profile.Latency.P90 && profile.Latency.P90 <= profile.Latency.P99);
    }
}
