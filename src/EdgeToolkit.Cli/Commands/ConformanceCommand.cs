using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class ConformanceCommand : ICommand
{
    /// <summary>Targets whose generated C runs per case in reasonable time (host natively, aarch64 under qemu-user).</summary>
    private static readonly string[] Targets = { "host", "aarch64" };

    public string Name => "conformance";
    public string Summary => "run the ONNX backend test cases through the evaluator, generated C and ONNX Runtime; write the table";
    public string Usage => """
        usage: ./edgetk conformance [DIR] [--target host|aarch64] [--suite node|simple|pytorch-converted|pytorch-operator]
                                    [--filter TEXT] [--no-c] [--no-ort] [--write docs/conformance.md] [--json]
        DIR: a libonnx-testdata data root (default /usr/share/libonnx-testdata/data: all four suites, or those named
        with --suite), one suite folder or one case folder. Exit code 1 when a supported case fails.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "suite", "filter", "write", "target" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "no-c", "no-ort" };

    public int Run(Args args, Reporter reporter)
    {
        var target = args.Get("target") ?? "host";
        if (!Targets.Contains(target))
            throw Args.Usage($"conformance runs generated C on {string.Join(" or ", Targets)}, not '{target}'", "use --target host");
        var dir = args.Positionals.Count > 0 ? args.Positional(0, "DIR") : ConformanceCases.DataRoot;
        if (args.Positionals.Count == 0 && !Directory.Exists(dir))
            throw new EdgeToolkitException(ErrorKind.ToolMissing, $"no ONNX test cases found under {dir}", hint: "sudo apt-get install libonnx-testdata");
        var cases = ConformanceCases.Find(dir, args.GetAll("suite"), args.Get("filter"));
        if (cases.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "no ONNX test cases match", file: dir,
                hint: "check the folder, --suite and --filter (a case folder holds model.onnx and test_data_set_*)");
        var write = args.Get("write");
        if (write != null && target != "host")
            throw Args.Usage("docs/conformance.md publishes the host results", "drop --write, or use --target host");

        bool ort = !args.Flag("no-ort");
        var results = RunAll(cases, args.Flag("no-c") ? null : target, ort, reporter);
        if (write != null)
        {
            File.WriteAllText(write + ".tmp", ConformanceReport.Markdown(results));
            File.Move(write + ".tmp", write, overwrite: true);
        }
        var failures = results.Where(r => r.Failed).ToList();
        if (reporter.Json) reporter.WriteJson(Json(results, failures, target, ort));
        else Print(results, failures, reporter);
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Cases run in parallel, one per core: each is mostly a C compiler run.</summary>
    private static List<ConformanceResult> RunAll(IReadOnlyList<string> cases, string? cTarget, bool ort, Reporter reporter)
    {
        int done = 0;
        return cases.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(c =>
        {
            var r = ConformanceRunner.Run(c, cTarget == null ? null : (g, ins) => HostCRunner.Run(g, ins, cTarget), ort);
            int n = Interlocked.Increment(ref done);
            if (n % 50 == 0 || n == cases.Count) reporter.Progress($"conformance: {n}/{cases.Count} cases");
            return r;
        }).ToList();
    }

    private static JsonObject Json(IReadOnlyList<ConformanceResult> results, List<ConformanceResult> failures, string target, bool ort)
    {
        var json = new JsonObject { ["ok"] = failures.Count == 0, ["target"] = target, ["atol"] = ConformanceRunner.Atol, ["rtol"] = ConformanceRunner.Rtol };
        foreach (var (key, value) in Counts(ConformanceSummary.Of(results), ort)) json[key] = value?.DeepClone();
        var suites = new JsonObject();
        foreach (var (suite, s) in ConformanceSummary.BySuite(results)) suites[suite] = Counts(s, ort);
        json["suites"] = suites;
        json["failures"] = new JsonArray(failures.Select(f => (JsonNode)new JsonObject { ["case"] = f.Case, ["suite"] = f.Suite, ["reason"] = f.Reason }).ToArray());
        return json;
    }

    private static JsonObject Counts(ConformanceSummary s, bool ort) => new()
    {
        ["cases"] = s.Cases, ["supported"] = s.Supported, ["passed"] = s.Passed, ["failed"] = s.Failed, ["skipped"] = s.Skipped,
        ["evaluator_passed"] = s.EvaluatorPassed, ["c_passed"] = s.CPassed,
        ["ort"] = ort ? new JsonObject { ["passed"] = s.OrtPassed, ["passed_on_supported"] = s.OrtPassedOnSupported } : null,
    };

    private static void Print(IReadOnlyList<ConformanceResult> results, List<ConformanceResult> failures, Reporter reporter)
    {
        var t = new Table();
        foreach (var column in new[] { "suite", "cases", "supported", "passed", "failed", "skipped", "evaluator passed", "ORT passed", "ORT passed (supported)" })
            t.AddColumn(column);
        var rows = ConformanceSummary.BySuite(results).Append(("all", ConformanceSummary.Of(results)));
        foreach (var (suite, s) in rows)
            t.AddRow(suite, $"{s.Cases}", $"{s.Supported}", $"{s.Passed}", $"{s.Failed}", $"{s.Skipped}", $"{s.EvaluatorPassed}", $"{s.OrtPassed}", $"{s.OrtPassedOnSupported}");
        reporter.Table(t);
        foreach (var f in failures) reporter.Line($"[red]failed[/] {Markup.Escape(f.Suite)}/{Markup.Escape(f.Case)}: {Markup.Escape(f.Reason ?? "")}");
    }
}
