using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

public sealed class CompileCommand : ICommand
{
    public string Name => "compile";
    public string Summary => "generate C99 (model.c, model.h, weights, Makefile, report.json) for a target";
    public string Usage => """
        usage: ./edgetk compile PATH --target T -o OUT [--board B] [--name PREFIX] [--shape name=1x16] [--const name=value]
                                [--fast] [--no-fuse] [--jacobian] [--json]

        Writes OUT/model.c, OUT/model.h, OUT/model_weights.c (or a .bin blob for large models), OUT/Makefile
        (builds libmodel.a with the target's compiler and flags) and OUT/report.json. Nothing is written on error.
        --jacobian also emits NAME_jacobian(x, y, jac): the output and dy/dx of an MLP (Gemm or MatMul + Add layers
        with Tanh, Relu or Sigmoid), jac[o * n + i] = dy[o]/dx[i], by reverse mode; another model is an error.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = ModelOptions.ValueOptionNames.Concat(new[] { "output" }).ToHashSet();
    public IReadOnlySet<string> FlagOptions { get; } = ModelOptions.FlagOptionNames.Append("jacobian").ToHashSet();

    public int Run(Args args, Reporter reporter)
    {
        var outDir = args.Get("output") ?? throw Args.Usage("missing -o OUT (the folder to write)");
        var source = ModelSource.Load(args.Positional(0, "model PATH"));
        var options = ModelOptions.From(args) with { Jacobian = args.Flag("jacobian") };
        var c = Compiler.Compile(source, options, reporter);
        var report = Report(c);
        var files = new Dictionary<string, string>(c.Code.Files)
        {
            ["Makefile"] = Makefile.For(c),
            ["report.json"] = report.ToJsonString(Reporter.JsonOptions) + "\n",
        };
        WriteAll(outDir, files, c.Code.BinaryFiles);

        if (reporter.Json) { report["output"] = Path.GetFullPath(outDir); reporter.WriteJson(report); return 0; }
        var t = new Table().Title($"compiled {Markup.Escape(source.Display)} for {c.Target}").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        t.AddRow("kernels", c.Code.Layers.Count.ToString());
        t.AddRow("MACs", c.Code.Macs.ToString("N0"));
        t.AddRow("weights (flash)", Format.Bytes(c.Code.WeightBytes));
        t.AddRow("arena (RAM)", Format.Bytes(c.Code.ArenaBytes));
        reporter.Table(t);
        reporter.Line($"wrote {Markup.Escape(string.Join(", ", files.Keys.Concat(c.Code.BinaryFiles.Keys).Order()))} to {Markup.Escape(outDir)}");
        var jacobian = c.Code.JacobianArenaBytes != null ? $", [bold]{c.Code.Name}_jacobian(x, y, jac)[/]" : "";
        reporter.Line($"API: [bold]{c.Code.Name}_run(...)[/]{jacobian} and [bold]{c.Code.Name}_run_arena(arena, ...)[/] in model.h; build with: make -C {Markup.Escape(outDir)}");
        return 0;
    }

    public static JsonObject Report(Compilation c) => new()
    {
        ["ok"] = true,
        ["model"] = c.Source.Display,
        ["name"] = c.Code.Name,
        ["target"] = c.Target,
        ["board"] = c.Board?.Name,
        ["arena_bytes"] = c.Code.ArenaBytes,
        ["weight_bytes"] = c.Code.WeightBytes,
        ["macs"] = c.Code.Macs,
        ["inputs"] = Ports(c.Code.Inputs),
        ["outputs"] = Ports(c.Code.Outputs),
        ["layers"] = new JsonArray(c.Code.Layers.Select(l => (JsonNode)new JsonObject
        {
            ["index"] = l.Index, ["function"] = l.Function, ["op"] = l.Op,
            ["nodes"] = new JsonArray(l.Nodes.Select(n => (JsonNode)n).ToArray()), ["macs"] = l.Macs, ["output_bytes"] = l.OutputBytes,
        }).ToArray()),
        ["memory_plan"] = new JsonArray(c.Code.Plan.Select(p => (JsonNode)new JsonObject
        {
            ["value"] = p.Value, ["offset"] = p.Offset, ["bytes"] = p.Bytes, ["first_step"] = p.First, ["last_step"] = p.Last,
        }).ToArray()),
        ["passes"] = new JsonArray(c.PassLog.Select(p => (JsonNode)p).ToArray()),
    };

    private static JsonArray Ports(IEnumerable<EdgeToolkit.CodeGen.CPort> ports) => new(ports.Select(p => (JsonNode)new JsonObject
    {
        ["name"] = p.Name, ["c_name"] = p.CName, ["type"] = p.Type.OnnxName(), ["shape"] = new JsonArray(p.Shape.Select(d => (JsonNode)d).ToArray()),
    }).ToArray());

    /// <summary>Writes every file to a temp folder beside OUT, then moves them in: an error never leaves half an output.</summary>
    private static void WriteAll(string outDir, Dictionary<string, string> text, Dictionary<string, byte[]> binary)
    {
        var full = Path.GetFullPath(outDir);
        if (File.Exists(full)) throw new EdgeToolkitException(ErrorKind.BadInput, "output path is a file, not a folder", file: outDir, hint: "give a folder with -o");
        var tmp = full.TrimEnd('/') + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(tmp);
        try
        {
            foreach (var (n, s) in text) File.WriteAllText(Path.Combine(tmp, n), s);
            foreach (var (n, b) in binary) File.WriteAllBytes(Path.Combine(tmp, n), b);
            Directory.CreateDirectory(full);
            foreach (var f in Directory.GetFiles(tmp)) File.Move(f, Path.Combine(full, Path.GetFileName(f)), overwrite: true);
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }
}
