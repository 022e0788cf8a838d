using System.Diagnostics;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Limits on one case: past them a case fails even if it ends well.</summary>
public sealed record FuzzLimits
{
    public TimeSpan CaseTime { get; init; } = TimeSpan.FromSeconds(2);
    public long CaseBytes { get; init; } = 1L << 30;
    /// <summary>When to stop waiting and call it a hang.</summary>
    public TimeSpan Hang { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs one case as a user's command would treat the file (import, then the standard passes as
/// inspect and compile run them, then a check of the result) and classifies what happened.
/// </summary>
/// <param name="exercise">What to do with a case's bytes; the toolkit's own path unless a test stands in another.</param>
public sealed class FuzzCaseRunner(FuzzLimits limits, Action<byte[], string>? exercise = null)
{
    private readonly Action<byte[], string> _exercise = exercise ?? ((bytes, name) => Exercise(bytes, name));

    /// <summary>The name the case's file goes by in errors, which a clear error must repeat.</summary>
    public static string SourceName(FuzzCase c) => $"case-{c.Index:D6}.onnx";

    public FuzzOutcome Run(FuzzCase c)
    {
        var m = Measure(c);
        // A first run pays for JIT compilation and may share the CPU with a build: a slow case gets one more run.
        if (m.Finished && m.Ms > limits.CaseTime.TotalMilliseconds) m = Measure(c);
        if (!m.Finished)
            return new FuzzOutcome(c, FuzzVerdict.Failure, $"hang: no result after {limits.Hang.TotalSeconds:0} s", m.Ms, m.Bytes) { IsHang = true };

        var (verdict, detail) = Classify(m.Error, SourceName(c));
        if (m.Ms > limits.CaseTime.TotalMilliseconds)
            (verdict, detail) = (FuzzVerdict.Failure, $"took {m.Ms:0} ms (limit {limits.CaseTime.TotalMilliseconds:0}) twice; {detail}");
        else if (m.Bytes > limits.CaseBytes)
            (verdict, detail) = (FuzzVerdict.Failure, $"allocated {m.Bytes >> 20} MB (limit {limits.CaseBytes >> 20}); {detail}");
        return new FuzzOutcome(c, verdict, detail, m.Ms, m.Bytes);
    }

    /// <summary>Import, passes, result check: throws whatever the toolkit throws.</summary>
    public static ModelGraph Exercise(byte[] bytes, string sourceName)
    {
        var graph = OnnxImporter.Load(bytes, sourceName).Clone();
        try { PassPipeline.Standard(new PipelineOptions()).Run(graph); }
        catch (EdgeToolkitException e) when (e.Unsupported)
        {
            // inspect goes on to report what it can of a graph it cannot compile.
            LenientShapeInference.Run(graph);
            throw;
        }
        ResultCheck.Validate(graph);
        return graph;
    }

    private static (FuzzVerdict, string) Classify(Exception? error, string source) => error switch
    {
        null => (FuzzVerdict.Valid, "loaded and optimized"),
        EdgeToolkitException e when ErrorClarity.Judge(e, source) is { } unclear => (FuzzVerdict.Failure, $"unclear error ({unclear}): {e.Message}"),
        EdgeToolkitException e => (FuzzVerdict.ClearError, e.Message),
        _ => (FuzzVerdict.Failure, $"{error.GetType().Name}: {error.Message} {FirstFrame(error)}"),
    };

    private static string FirstFrame(Exception e) =>
        e.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";

    private (bool Finished, Exception? Error, double Ms, long Bytes) Measure(FuzzCase c)
    {
        Exception? error = null;
        double ms = 0;
        long bytes = 0;
        var sw = Stopwatch.StartNew();
        bool finished = Watchdog.TryRun(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { _exercise(c.Bytes, SourceName(c)); }
            catch (Exception e) { error = e; }
            ms = sw.Elapsed.TotalMilliseconds;
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }, limits.Hang);
        return (finished, error, finished ? ms : sw.Elapsed.TotalMilliseconds, bytes);
    }
}
