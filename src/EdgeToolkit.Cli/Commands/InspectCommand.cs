using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class InspectCommand : ICommand
{
    public string Name => "inspect";
    public string Summary => "ops, shapes, parameters, MACs, and estimated flash/RAM on every board";
    public string Usage => """
        usage: ./edgetk inspect PATH [--shape name=1x16] [--const name=value] [--json]

        Shows the model as imported and after folding (constants, Ifs on constants, BatchNorm, fusion).
        Flash and RAM per board are estimates from the static memory plan (weights + arena); compile
        and verify measure the real figures on the built image.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "shape", "const", "name" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "no-fuse" };

    public int Run(Args args, Reporter reporter)
    {
        var source = ModelSource.Load(args.Positional(0, "model PATH"));
        var options = ModelOptions.From(args);
        var original = source.Graph;
        var (graph, log, unsupported) = GraphOptimizer.OptimizeForInspection(original, options);
        var symbolic = graph.Inputs.Where(i => !i.Shape.IsConcrete).ToList();

        GeneratedModel? code = null;
        string? codeProblem = unsupported ?? (symbolic.Count > 0
            ? $"symbolic dims in {string.Join(", ", symbolic.Select(s => $"{s.Name}{s.Shape}"))}: pin them with --shape NAME=1x..."
            : null);
        if (codeProblem == null)
        {
            try { code = CCodeGenerator.Generate(graph, new CodeGenOptions { Name = Compiler.DefaultName(source), Target = TargetProfile.ForTarget("cortex-m4") }); }
            catch (EdgeToolkitException e) { codeProblem = e.Message; }
        }

        long parameters = original.Initializers.Values.Where(t => t.Type.IsFloat() || t.Type is DataType.Int8 or DataType.UInt8).Sum(t => (long)t.Length);
        var boards = BoardCatalog.FromRepository().All.OrderBy(b => b.Flash.Bytes).ThenBy(b => b.Name).ToList();

        var json = new JsonObject
        {
            ["ok"] = true,
            ["model"] = source.Display,
            ["opset"] = original.Opset,
            ["nodes"] = original.Nodes.Count,
            ["nodes_after_passes"] = graph.Nodes.Count,
            ["parameters"] = parameters,
            ["weight_bytes"] = code?.WeightBytes ?? graph.Initializers.Values.Sum(t => (long)t.Length * SizeOrOne(t.Type)),
            ["macs"] = code?.Macs,
            ["arena_bytes"] = code?.ArenaBytes,
            ["inputs"] = Values(original.Inputs, graph),
            ["outputs"] = Values(original.Outputs, graph),
            ["ops"] = OpCounts(original),
            ["ops_after_passes"] = OpCounts(graph),
            ["passes"] = new JsonArray(log.Select(l => (JsonNode)l).ToArray()),
            ["codegen_problem"] = codeProblem,
        };
        var fits = new JsonArray();
        foreach (var b in boards)
        {
            if (code == null) break;
            long flash = code.WeightBytes, ram = code.ArenaBytes;
            fits.Add(new JsonObject
            {
                ["board"] = b.Name, ["target"] = b.Core, ["flash_bytes_estimate"] = flash, ["ram_bytes_estimate"] = ram,
                ["board_flash_bytes"] = b.Flash.Bytes, ["board_ram_bytes"] = b.Ram.Bytes, ["fits"] = flash < b.Flash.Bytes && ram < b.Ram.Bytes,
            });
        }
        json["boards"] = fits;
        if (reporter.Json) { reporter.WriteJson(json); return 0; }

        reporter.Line($"[bold]{Markup.Escape(source.Display)}[/]: opset {original.Opset}, {original.Nodes.Count} nodes ({graph.Nodes.Count} after passes), {parameters:N0} parameters");
        var io = new Table().AddColumn("").AddColumn("name").AddColumn("type").AddColumn("shape (as given → after --shape/--const)");
        foreach (var i in original.Inputs) io.AddRow("input", Markup.Escape(i.Name), i.Type.OnnxName(), Markup.Escape($"{i.Shape} → {Shape(graph, i.Name)}"));
        foreach (var o in original.Outputs) io.AddRow("output", Markup.Escape(o.Name), o.Type.OnnxName(), Markup.Escape($"{o.Shape} → {Shape(graph, o.Name)}"));
        reporter.Table(io);
        var ops = new Table().AddColumn("op").AddColumn(new TableColumn("as imported").RightAligned()).AddColumn(new TableColumn("after passes").RightAligned());
        var before = original.Nodes.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        var after = graph.Nodes.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        foreach (var op in before.Keys.Union(after.Keys).Order())
            ops.AddRow(op, before.GetValueOrDefault(op).ToString(), after.GetValueOrDefault(op).ToString());
        reporter.Table(ops);
        foreach (var l in log) reporter.Line($"[grey]{Markup.Escape(l)}[/]");
        if (code == null) { reporter.Line($"[yellow]not compilable yet:[/] {Markup.Escape(codeProblem ?? "")}"); return 0; }

        reporter.Line($"MACs {code.Macs:N0}, weights {Format.Bytes(code.WeightBytes)}, activation arena {Format.Bytes(code.ArenaBytes)} (static plan)");
        var layers = new Table().AddColumn("#").AddColumn("kernel").AddColumn("op").AddColumn("fused nodes").AddColumn(new TableColumn("MACs").RightAligned());
        foreach (var l in code.Layers) layers.AddRow(l.Index.ToString(), Markup.Escape(l.Function), l.Op, Markup.Escape(string.Join(" + ", l.Nodes)), l.Macs.ToString("N0"));
        reporter.Table(layers);
        var fit = new Table().Title("estimated fit (weights in flash, arena in RAM; code not counted: verify measures it)")
            .AddColumn("board").AddColumn("core").AddColumn(new TableColumn("flash").RightAligned()).AddColumn(new TableColumn("RAM").RightAligned()).AddColumn("fits");
        foreach (var b in boards)
        {
            bool ok = code.WeightBytes < b.Flash.Bytes && code.ArenaBytes < b.Ram.Bytes;
            fit.AddRow(b.Name, b.Core, $"{Pct(code.WeightBytes, b.Flash.Bytes)} of {Format.Bytes(b.Flash.Bytes)}", $"{Pct(code.ArenaBytes, b.Ram.Bytes)} of {Format.Bytes(b.Ram.Bytes)}", ok ? "[green]yes[/]" : "[red]no[/]");
        }
        reporter.Table(fit);
        return 0;
    }

    private static long SizeOrOne(DataType t) => t == DataType.String ? 1 : t.SizeOf();
    private static string Pct(long a, long b) => $"{100.0 * a / b:0.0}%";
    private static string Shape(ModelGraph g, string name) => g.TryGetInfo(name)?.Shape.ToString() ?? "(folded)";

    private static JsonArray Values(IEnumerable<ValueInfo> values, ModelGraph after) => new(values.Select(v => (JsonNode)new JsonObject
    {
        ["name"] = v.Name, ["type"] = v.Type.OnnxName(), ["shape"] = v.Shape.ToString(), ["shape_after_passes"] = after.TryGetInfo(v.Name)?.Shape.ToString(),
    }).ToArray());

    private static JsonObject OpCounts(ModelGraph g)
    {
        var o = new JsonObject();
        foreach (var grp in g.Nodes.GroupBy(n => n.OpType).OrderBy(x => x.Key)) o[grp.Key] = grp.Count();
        return o;
    }
}
