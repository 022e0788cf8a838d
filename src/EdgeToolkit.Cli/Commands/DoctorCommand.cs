using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Targets.Tools;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class DoctorCommand : ICommand
{
    public string Name => "doctor";
    public string Summary => "which toolchains and data are present, and how to install what is missing";
    public string Usage => "usage: ./edgetk doctor [--json]\n\nExit code 3 when a tool is missing (the message gives the install command).";
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>();
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string>();

    public int Run(Args args, Reporter reporter)
    {
        var tools = Doctor.Check(Toolchain.Default);
        bool conformance = Directory.Exists(ConformanceRunner.DataRoot);
        var advice = Doctor.InstallAdvice(tools);
        if (reporter.Json)
        {
            reporter.WriteJson(new JsonObject
            {
                ["ok"] = advice == null,
                ["tools"] = new JsonArray(tools.Select(t => (JsonNode)new JsonObject
                {
                    ["name"] = t.Name, ["purpose"] = t.Purpose, ["present"] = t.Present, ["path"] = t.Path, ["version"] = t.Version,
                }).ToArray()),
                ["onnx_conformance_data"] = conformance,
                ["install_command"] = advice,
            });
        }
        else
        {
            var t = new Table().AddColumn("tool").AddColumn("for").AddColumn("status");
            foreach (var s in tools)
                t.AddRow(s.Name, s.Purpose, s.Present ? $"[green]ok[/] {Markup.Escape(s.Version ?? "")}" : "[red]missing[/]");
            t.AddRow("libonnx-testdata", "ONNX conformance cases (tests)", conformance ? "[green]ok[/]" : "[yellow]missing[/] (sudo apt-get install libonnx-testdata)");
            t.AddRow("ONNX Runtime", "reference runs", "[green]ok[/] (bundled: Microsoft.ML.OnnxRuntime)");
            reporter.Table(t);
            if (advice != null) reporter.Line($"install the missing tools with:\n  [bold]{Markup.Escape(advice)}[/]");
            else reporter.Line("[green]everything edgetk runs is present[/]");
        }
        return advice == null ? 0 : 3;
    }
}
