using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class ConformanceCommand : ICommand
{
    public string Name => "conformance";
    public string Summary => "run the ONNX backend test cases through the evaluator and generated C; write the table";
    public string Usage => """
        usage: ./edgetk conformance [--suite node|simple|pytorch-converted|pytorch-operator] [--filter TEXT] [--no-c]
                                    [--write docs/conformance.md] [--json]
        Needs Debian's libonnx-testdata (/usr/share/libonnx-testdata). Exit code 1 when a supported case fails.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "suite", "filter", "write" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "no-c" };

    public int Run(Args args, Reporter reporter)
    {
        var suites = args.GetAll("suite").DefaultIfEmpty("node").ToList();
        var filter = args.Get("filter");
        var cases = suites.SelectMany(s => ConformanceRunner.Cases(s)).Where(c => filter == null || Path.GetFileName(c).Contains(filter)).ToList();
        if (cases.Count == 0)
            throw new EdgeToolkit.Graph.EdgeToolkitException(EdgeToolkit.Graph.ErrorKind.ToolMissing, $"no ONNX test cases found under {ConformanceRunner.DataRoot}",
                hint: "sudo apt-get install libonnx-testdata");
        var results = new List<ConformanceResult>();
        bool runC = !args.Flag("no-c");
        for (int i = 0; i < cases.Count; i++)
        {
            if (i % 50 == 0) reporter.Progress($"conformance: {i}/{cases.Count} cases");
            results.Add(ConformanceRunner.Run(cases[i], runC ? (g, ins) => HostCRunner.Run(g, ins) : null));
        }
        var failed = results.Where(r => r.Evaluator == CaseStatus.Failed || r.C == CaseStatus.Failed).ToList();
        if (args.Get("write") is string path)
        {
            File.WriteAllText(path + ".tmp", ConformanceReport.Markdown(results));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        if (reporter.Json)
        {
            reporter.WriteJson(new JsonObject
            {
                ["ok"] = failed.Count == 0,
                ["cases"] = results.Count,
                ["supported"] = results.Count(r => r.Supported),
                ["evaluator_passed"] = results.Count(r => r.Evaluator == CaseStatus.Passed),
                ["c_passed"] = results.Count(r => r.C == CaseStatus.Passed),
                ["failed"] = new JsonArray(failed.Select(f => (JsonNode)new JsonObject { ["case"] = f.Case, ["reason"] = f.Reason }).ToArray()),
            });
        }
        else
        {
            var t = new Table().AddColumn("suite").AddColumn("cases").AddColumn("supported").AddColumn("evaluator passed").AddColumn("C passed").AddColumn("failed");
            foreach (var g in results.GroupBy(r => r.Suite))
                t.AddRow(g.Key, g.Count().ToString(), g.Count(r => r.Supported).ToString(), g.Count(r => r.Evaluator == CaseStatus.Passed).ToString(),
                    g.Count(r => r.C == CaseStatus.Passed).ToString(), g.Count(r => r.Evaluator == CaseStatus.Failed || r.C == CaseStatus.Failed).ToString());
            reporter.Table(t);
            foreach (var f in failed) reporter.Line($"[red]failed[/] {Markup.Escape(f.Case)}: {Markup.Escape(f.Reason ?? "")}");
        }
        return failed.Count == 0 ? 0 : 1;
    }
}
