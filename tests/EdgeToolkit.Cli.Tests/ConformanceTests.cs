using EdgeToolkit.Cli.Pipeline;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// The ONNX backend node cases (Debian's libonnx-testdata) through the reference evaluator and the
/// generated C on host, against the cases' own reference outputs: every supported case passes,
/// and docs/conformance.md is current.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_supported_node_case_passes_in_evaluator_and_generated_C()
    {
        var cases = ConformanceRunner.Cases("node");
        if (cases.Count == 0) { output.WriteLine("SKIPPED: libonnx-testdata is not installed (sudo apt-get install libonnx-testdata)"); return; }
        var results = cases.AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(c => ConformanceRunner.Run(c, (g, ins) => HostCRunner.Run(g, ins))).ToList();
        var failed = results.Where(r => r.Evaluator == CaseStatus.Failed || r.C == CaseStatus.Failed).ToList();
        output.WriteLine($"{results.Count} cases, {results.Count(r => r.Supported)} supported, {results.Count(r => r.Evaluator == CaseStatus.Passed)} evaluator passed, {results.Count(r => r.C == CaseStatus.Passed)} C passed");
        foreach (var f in failed) output.WriteLine($"FAILED {f.Case}: {f.Reason}");
        Assert.Empty(failed.Select(f => $"{f.Case}: {f.Reason}"));
        Assert.True(results.Count(r => r.C == CaseStatus.Passed) > 300, "far fewer cases pass in C than expected");

        var doc = Path.Combine(Targets.RepoPaths.Root, "docs", "conformance.md");
        var expected = ConformanceReport.Markdown(results);
        if (!File.Exists(doc) || File.ReadAllText(doc) != expected)
        {
            File.WriteAllText(doc + ".new", expected);
            Assert.Fail($"docs/conformance.md is stale: regenerate with ./edgetk conformance --write docs/conformance.md (the current table is in {doc}.new)");
        }
    }
}
