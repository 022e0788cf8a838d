using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Profiling;

/// <summary>How many ONNX Runtime runs to time, and whether to read its per-node profile.</summary>
public sealed record OrtProfileOptions(int Warmup = 100, int Runs = 1000, bool PerNode = false, int ProfiledRuns = 20);

/// <summary>
/// Profiles the model on ONNX Runtime in this process: session creation, per-run latency with its
/// fastest call path (IoBinding), per-node kernel times from ORT's own profiler, and the growth of
/// this process's peak RSS while the session was created and run.
/// </summary>
public static class OrtProfiler
{
    public static TargetProfile Profile(byte[] onnx, IReadOnlyDictionary<string, Tensor> inputs, OrtProfileOptions options)
    {
        // The first session of a process also loads the native library and JIT-compiles the bindings:
        // one throwaway session first, so creation time and memory are the model's, comparable across models.
        using (var warm = new OrtSession(onnx)) warm.Run(inputs);
        bool peakReset = ProcessMemory.TryResetPeak();
        long? before = peakReset ? ProcessMemory.RssBytes() : ProcessMemory.PeakRssBytes();
        using var session = new OrtSession(onnx);
        var samples = session.MeasureNs(inputs, options.Warmup, options.Runs);
        long? after = ProcessMemory.PeakRssBytes();
        var stats = LatencyStats.Of(samples)!;

        IReadOnlyList<LayerProfile>? layers = null;
        if (options.PerNode)
        {
            var dir = Path.Combine(Path.GetTempPath(), "edgetk-ort-profile-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var file = session.ProfileJson(inputs, options.ProfiledRuns, dir);
                layers = file == null ? Array.Empty<LayerProfile>()
                    : OrtNodeTimes.Parse(File.ReadAllText(file))
                        .Select((n, i) => new LayerProfile(i, new[] { n.Node }, n.Op, null, null, n.MedianNs)).ToList();
            }
            finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        }

        var how = new Dictionary<string, string>
        {
            ["session_create_ms"] = "wall clock around InferenceSession creation (load, optimize all levels, plan), 1 intra-op thread; a second creation in this process, after a throwaway one loaded the native library",
            ["p50_ns"] = $"{options.Runs} timed runs after {options.Warmup} warm-up runs, IoBinding with pre-bound OrtValues (ORT's fastest call path), Stopwatch per run, nearest-rank percentiles",
            ["peak_rss_bytes"] = peakReset
                ? "process peak RSS (/proc/self/status VmHWM) after the session was created and run, minus RSS before (peak reset through /proc/self/clear_refs); includes the ORT native library's allocations"
                : "growth of the process peak RSS (/proc/self/status VmHWM) across session creation and runs; a lower bound, as the peak could not be reset",
        };
        how["p90_ns"] = how["p99_ns"] = how["ns_per_inference"] = how["p50_ns"];
        if (layers != null)
            how["layers"] = $"ORT's own profiler (SessionOptions.EnableProfiling): median of the Node events '<node>_kernel_time' over {options.ProfiledRuns} runs in a separate profiling session; nodes are ORT's after its graph optimizations, and profiling adds overhead per node; ORT records whole microseconds";
        return new TargetProfile
        {
            Target = "ort",
            SessionCreateMs = session.CreateMs,
            NsPerInference = stats.P50,
            Latency = stats,
            LatencySamplesNs = samples,
            PeakRssBytes = before is long b && after is long a ? Math.Max(0, a - b) : null,
            Layers = layers,
            How = how,
        };
    }
}
