namespace EdgeToolkit.Onnx.Fuzzing;

public sealed record FuzzOptions
{
    public int Cases { get; init; } = 1000;
    public int Seed { get; init; } = 1;
    public FuzzLimits Limits { get; init; } = new();
    /// <summary>Where failing inputs are written as reproducers; null to keep none.</summary>
    public string? SaveFolder { get; init; }
}

/// <summary>The figures of a run. A run that met a hang stops there (Cases counts what ran).</summary>
public sealed record FuzzReport(int Cases, int Valid, int ClearErrors, IReadOnlyList<FuzzOutcome> Failures,
    FuzzOutcome? Slowest, FuzzOutcome? Hungriest, bool StoppedByHang)
{
    public double MaxMs => Slowest?.Ms ?? 0;
    public long MaxAllocatedBytes => Hungriest?.AllocatedBytes ?? 0;
}

/// <summary>Generates and runs cases one after another, saving every failing input.</summary>
public static class Fuzzer
{
    /// <param name="progress">Called after each case with the outcome and the figures so far.</param>
    public static FuzzReport Run(FuzzCorpus corpus, FuzzOptions options, Action<FuzzOutcome, FuzzReport>? progress = null)
    {
        var generator = new FuzzCaseGenerator(corpus, options.Seed);
        var runner = new FuzzCaseRunner(options.Limits);
        var report = new FuzzReport(0, 0, 0, Array.Empty<FuzzOutcome>(), null, null, false);
        for (int i = 0; i < options.Cases && !report.StoppedByHang; i++)
        {
            var outcome = runner.Run(generator.Make(i));
            if (outcome.Verdict == FuzzVerdict.Failure && options.SaveFolder != null)
                outcome = outcome with { SavedAs = Reproducer.Save(options.SaveFolder, outcome, options.Seed) };
            report = Add(report, outcome);
            progress?.Invoke(outcome, report);
            // A hung case keeps a core busy, so the loop stops: later timings would mean nothing.
        }
        return report;
    }

    private static FuzzReport Add(FuzzReport r, FuzzOutcome o) => r with
    {
        Cases = r.Cases + 1,
        Valid = r.Valid + (o.Verdict == FuzzVerdict.Valid ? 1 : 0),
        ClearErrors = r.ClearErrors + (o.Verdict == FuzzVerdict.ClearError ? 1 : 0),
        Failures = o.Verdict == FuzzVerdict.Failure ? [.. r.Failures, o] : r.Failures,
        Slowest = r.Slowest == null || o.Ms > r.Slowest.Ms ? o : r.Slowest,
        Hungriest = r.Hungriest == null || o.AllocatedBytes > r.Hungriest.AllocatedBytes ? o : r.Hungriest,
        StoppedByHang = r.StoppedByHang || o.IsHang,
    };
}
