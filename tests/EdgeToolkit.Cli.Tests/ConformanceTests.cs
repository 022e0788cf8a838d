using EdgeToolkit.Cli.Pipeline;
using Xunit.Abstractions;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// The ONNX backend cases of Debian's libonnx-testdata (node, simple, pytorch-converted,
/// pytorch-operator) through the reference evaluator, the generated C on host and ONNX Runtime,
/// against the cases' own reference outputs: every supported case passes, we pass at least as
/// many supported cases as ORT does, and docs/conformance.md is current.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_supported_backend_case_passes_in_evaluator_and_generated_C()
    {
        if (!Directory.Exists(ConformanceCases.DataRoot))
        {
            output.WriteLine("SKIPPED: libonnx-testdata is not installed (sudo apt-get install libonnx-testdata)");
            return;
        }
        var cases = ConformanceCases.Find(ConformanceCases.DataRoot, Array.Empty<string>(), null);
        var results = cases.AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(c => ConformanceRunner.Run(c, (g, ins) => HostCRunner.Run(g, ins), ort: true)).ToList();
        var all = ConformanceSummary.Of(results);
        output.WriteLine(all.ToString());
        foreach (var f in results.Where(r => r.Failed)) output.WriteLine($"FAILED {f.Suite}/{f.Case}: {f.Reason}");

        Assert.Empty(results.Where(r => r.Failed).Select(f => $"{f.Suite}/{f.Case}: {f.Reason}"));
        Assert.Equal(ConformanceCases.DefaultSuites, results.Select(r => r.Suite).Distinct());
        Assert.True(all.Passed >= all.OrtPassedOnSupported, $"ORT passes {all.OrtPassedOnSupported} of our supported cases, we pass {all.Passed}");

        var doc = Path.Combine(Targets.RepoPaths.Root, "docs", "conformance.md");
        var expected = ConformanceReport.Markdown(results);
        if (!File.Exists(doc) || File.ReadAllText(doc) != expected)
        {
            File.WriteAllText(doc + ".new", expected);
            Assert.Fail($"docs/conformance.md is stale: regenerate with ./edgetk conformance --write docs/conformance.md (the current table is in {doc}.new)");
        }
    }

    /// <summary>
    /// The CLI contract on a suite folder of three cases: one that passes (Abs), one we do not
    /// support (Adagrad, a training op that ORT does not run either) and one whose reference output is wrong (Abs against Relu's
    /// outputs for the same inputs), which must fail, be listed with its reason, and exit 1.
    /// </summary>
    [Fact]
    public void Cli_counts_passed_failed_and_skipped_cases_of_a_suite_folder()
    {
        var node = Path.Combine(ConformanceCases.DataRoot, "node");
        if (!Directory.Exists(node)) { output.WriteLine("SKIPPED: libonnx-testdata is not installed"); return; }
        var suite = Path.Combine(CliRunner.TempDir(), "mixed");
        CopyCase(Path.Combine(node, "test_abs"), Path.Combine(suite, "test_abs"));
        CopyCase(Path.Combine(node, "test_adagrad"), Path.Combine(suite, "test_adagrad"));
        var wrong = Path.Combine(suite, "test_abs_against_relu");
        CopyCase(Path.Combine(node, "test_abs"), wrong);
        File.Copy(Path.Combine(node, "test_relu", "test_data_set_0", "output_0.pb"), Path.Combine(wrong, "test_data_set_0", "output_0.pb"), overwrite: true);

        var (exit, json, _) = CliRunner.RunJson("conformance", suite, "--target", "host");
        output.WriteLine(json.ToJsonString());
        Assert.Equal(1, exit);
        Assert.Equal((3, 2, 1, 1, 1), ((int)json["cases"]!, (int)json["supported"]!, (int)json["passed"]!, (int)json["failed"]!, (int)json["skipped"]!));
        var failure = Assert.Single(json["failures"]!.AsArray())!;
        Assert.Equal("test_abs_against_relu", (string)failure["case"]!);
        Assert.Contains("vs reference", (string)failure["reason"]!);
        Assert.Equal(1, (int)json["ort"]!["passed"]!); // ORT too disagrees with the wrong reference
        Assert.Equal(3, (int)json["suites"]!["mixed"]!["cases"]!);
    }

    private static void CopyCase(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
