namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Counts over a set of conformance results. Passed + Failed + Skipped = Cases. OrtPassed counts
/// cases where ONNX Runtime loaded the model, ran every data set and agreed within the same
/// tolerance; a case ORT refuses, fails to run, or that the harness cannot feed it, is not passed.
/// </summary>
public sealed record ConformanceSummary(int Cases, int Supported, int Passed, int Failed, int Skipped,
    int EvaluatorPassed, int CPassed, int OrtPassed, int OrtPassedOnSupported)
{
    public static ConformanceSummary Of(IReadOnlyCollection<ConformanceResult> results) => new(
        results.Count,
        results.Count(r => r.Supported),
        results.Count(r => r.Passed),
        results.Count(r => r.Failed),
        results.Count(r => r.Skipped),
        results.Count(r => r.Evaluator == CaseStatus.Passed),
        results.Count(r => r.C == CaseStatus.Passed),
        results.Count(r => r.Ort == CaseStatus.Passed),
        results.Count(r => r.Supported && r.Ort == CaseStatus.Passed));

    /// <summary>Per suite, in the order the suites first appear.</summary>
    public static IReadOnlyList<(string Suite, ConformanceSummary Summary)> BySuite(IEnumerable<ConformanceResult> results) =>
        results.GroupBy(r => r.Suite).Select(g => (g.Key, Of(g.ToList()))).ToList();
}
