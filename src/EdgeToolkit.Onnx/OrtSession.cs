using System.Diagnostics;
using EdgeToolkit.Graph;
using Microsoft.ML.OnnxRuntime;

namespace EdgeToolkit.Onnx;

/// <summary>
/// One ONNX Runtime session configured for repeatable single-core figures: one intra-op thread,
/// sequential execution, all graph optimizations. Every ORT failure becomes an EdgeToolkitException.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly byte[] _model;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;

    /// <summary>Wall-clock time to create the session (load, optimize, plan), in milliseconds.</summary>
    public double CreateMs { get; }
    public IReadOnlyList<string> InputNames => _session.InputNames;
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    public OrtSession(byte[] model)
    {
        _model = model;
        var start = Stopwatch.GetTimestamp();
        _session = CreateSession(model, profilePrefix: null);
        CreateMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _runOptions = new RunOptions();
    }

    public OrtSession(ModelGraph graph) : this(OnnxExporter.ToBytes(graph)) { }

    /// <summary>Runs once; returns every graph output by name, in graph order.</summary>
    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var values = new OrtValueSet();
        var names = BindInputs(inputs, values);
        return Guard(() =>
        {
            using var outs = _session.Run(_runOptions, names, values.Items, _session.OutputNames);
            var result = new Dictionary<string, Tensor>();
            int k = 0;
            foreach (var o in outs) { var name = _session.OutputNames[k++]; result[name] = OrtTensorConverter.FromOrtValue(name, o); }
            return result;
        });
    }

    /// <summary>
    /// Per-run latency in nanoseconds with the cheapest call path ORT offers: inputs and outputs
    /// bound once through IoBinding, then RunWithBinding in the timed loop.
    /// </summary>
    public double[] MeasureNs(IReadOnlyDictionary<string, Tensor> inputs, int warmup, int runs)
    {
        if (runs <= 0) throw new ArgumentOutOfRangeException(nameof(runs), "need at least one timed run");
        var reference = Run(inputs); // output shapes, so outputs can be pre-allocated and bound
        using var values = new OrtValueSet();
        var names = BindInputs(inputs, values);
        return Guard(() =>
        {
            using var binding = _session.CreateIoBinding();
            for (int i = 0; i < names.Count; i++) binding.BindInput(names[i], values.Items[i]);
            foreach (var (name, t) in reference)
            {
                if (t.Type == DataType.String) binding.BindOutputToDevice(name, OrtMemoryInfo.DefaultInstance);
                else binding.BindOutput(name, values.Add(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance,
                    (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)t.Type, t.Shape.Select(d => (long)d).ToArray())));
            }
            for (int i = 0; i < warmup; i++) _session.RunWithBinding(_runOptions, binding);
            var times = new double[runs];
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                _session.RunWithBinding(_runOptions, binding);
                times[i] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency;
            }
            return times;
        });
    }

    /// <summary>
    /// Runs the model a few times in a separate profiling session and returns the path of ORT's
    /// own profile (Chrome trace JSON with per-node "kernel_time" events), or null if none was written.
    /// </summary>
    public string? ProfileJson(IReadOnlyDictionary<string, Tensor> inputs, int runs = 10, string? directory = null)
    {
        var dir = directory ?? Path.GetTempPath();
        Directory.CreateDirectory(dir);
        var prefix = Path.Combine(Path.GetFullPath(dir), "edgetk_ort_profile");
        using var session = CreateSession(_model, prefix);
        using var values = new OrtValueSet();
        var names = BindInputs(inputs, values);
        var file = Guard(() =>
        {
            for (int i = 0; i < Math.Max(1, runs); i++)
            {
                using var outs = session.Run(_runOptions, names, values.Items, session.OutputNames);
            }
            return session.EndProfiling();
        });
        if (string.IsNullOrEmpty(file)) return null;
        var full = Path.IsPathRooted(file) ? file : Path.GetFullPath(file);
        return File.Exists(full) ? full : null;
    }

    private static InferenceSession CreateSession(byte[] model, string? profilePrefix)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // The prefix must be set first: enabling profiling hands ORT the prefix current at that moment.
        if (profilePrefix != null) { options.ProfileOutputPathPrefix = profilePrefix; options.EnableProfiling = true; }
        return Guard(() => new InferenceSession(model, options));
    }

    private List<string> BindInputs(IReadOnlyDictionary<string, Tensor> inputs, OrtValueSet values)
    {
        var names = new List<string>();
        foreach (var name in _session.InputNames)
        {
            if (!inputs.TryGetValue(name, out var t))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime needs input '{name}', which was not given",
                    hint: $"the model's inputs are: {string.Join(", ", _session.InputNames.Select(n => $"'{n}'"))}");
            names.Add(name);
            values.Add(OrtTensorConverter.ToOrtValue(t));
        }
        return names;
    }

    private static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (OnnxRuntimeException e)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"ONNX Runtime failed: {e.Message}", inner: e);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>OrtValues that must live until a run ends, disposed together.</summary>
    private sealed class OrtValueSet : IDisposable
    {
        public List<OrtValue> Items { get; } = new();
        public OrtValue Add(OrtValue v) { Items.Add(v); return v; }
        public void Dispose() { foreach (var v in Items) v.Dispose(); }
    }
}
