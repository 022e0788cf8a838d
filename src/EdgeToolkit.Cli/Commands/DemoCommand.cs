using EdgeToolkit.Cli.Pipeline;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// The README's main command: until the control and health demos exist, it takes the built-in CNN
/// through the whole pipeline on the emulated Cortex-M4 and reports.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "built-in CNN -> passes -> C -> emulated Cortex-M4 (QEMU) -> checked against ONNX Runtime -> report";
    public string Usage => """
        usage: ./edgetk demo [--model builtin:cnn|builtin:mlp-tanh|builtin:mlp-relu] [--target cortex-m4] [--board B] [--json]
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "model", "target", "board", "inputs" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string>();

    public int Run(Args args, Reporter reporter)
    {
        var model = args.Get("model") ?? "builtin:cnn";
        var target = args.Get("target") ?? "cortex-m4";
        reporter.Line($"[bold]EdgeToolkit demo[/]: {Markup.Escape(model)} compiled to C99 and run on an emulated {Markup.Escape(target)}, checked against ONNX Runtime.");
        var source = ModelSource.Load(model);
        var result = Verification.Run(source, new ModelOptions { Target = target, Board = args.Get("board") },
            new Verification.Options(Inputs: args.GetInt("inputs", 8)), reporter);
        if (reporter.Json) { reporter.WriteJson(result.ToJson()); return result.Ok ? 0 : 1; }
        VerifyCommand.Print(result, reporter);
        var c = result.Compilation;
        var layers = new Table().Title("kernels (fused where the generator runs several nodes as one loop)").AddColumn("#").AddColumn("kernel").AddColumn("graph nodes").AddColumn(new TableColumn("MACs").RightAligned());
        foreach (var l in c.Code.Layers) layers.AddRow(l.Index.ToString(), Markup.Escape(l.Function), Markup.Escape(string.Join(" + ", l.Nodes)), l.Macs.ToString("N0"));
        reporter.Table(layers);
        reporter.Line("Next: [bold]./edgetk compile builtin:cnn --target cortex-m4 -o out/[/] writes the C; [bold]./edgetk verify your.onnx --target cortex-m0[/] checks your own model.");
        return result.Ok ? 0 : 1;
    }
}
