using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx.Fuzzing;
using EdgeToolkit.Targets;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>Feeds the ONNX reader and the passes damaged copies of real models; every case must load or fail clearly.</summary>
public sealed class FuzzCommand : ICommand
{
    public string Name => "fuzz";
    public string Summary => "hostile-file check: damaged real models must load or give a clear error, fast and in bounded memory";
    public string Usage => """
        usage: ./edgetk fuzz [--cases N] [--seed S] [--corpus DIR]... [--save DIR] [--json]

        Makes N damaged copies (default 1000) of the real models under --corpus (default: models/, the ONNX
        backend cases in /usr/share/libonnx-testdata, .build/npm), each imported and optimized as inspect
        and compile do. A case fails when it throws anything but a clear error (file named, what to do), takes
        over 2 s, allocates over 1 GB, or hangs (the run then stops). Failing inputs are saved to --save
        (default .build/fuzz/failures/seed-S/). Same seed, same corpus: same cases. Exit 1 on any failure.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "cases", "seed", "corpus", "save" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string>();

    public int Run(Args args, Reporter reporter)
    {
        int cases = args.GetInt("cases", 1000), seed = args.GetInt("seed", 1);
        if (cases <= 0) throw Args.Usage($"--cases takes a positive number, got {cases}");
        var folders = args.GetAll("corpus").Count > 0 ? args.GetAll("corpus") : FuzzCorpus.DefaultFolders(RepoPaths.Root);
        foreach (var f in folders.Where(f => !Directory.Exists(f)))
            throw new EdgeToolkitException(ErrorKind.BadInput, "corpus folder not found", file: f, hint: "give a folder holding .onnx files");
        var corpus = FuzzCorpus.FromFolders(folders);
        if (corpus.Seeds.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no .onnx models found under {string.Join(", ", folders)}",
                hint: "give --corpus DIR with real models, or install Debian's libonnx-testdata");
        var save = Path.Combine(args.Get("save") ?? Path.Combine(RepoPaths.Root, ".build", "fuzz", "failures"), $"seed-{seed}");

        reporter.Progress($"fuzz: {cases} cases from {corpus.Seeds.Count} models ({string.Join(", ", corpus.Seeds.GroupBy(s => s.Group).Select(g => $"{g.Count()} in {g.Key}"))}), seed {seed}");
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var report = Fuzzer.Run(corpus, new FuzzOptions { Cases = cases, Seed = seed, SaveFolder = save }, (outcome, sofar) =>
        {
            if (outcome.Verdict == FuzzVerdict.Failure)
                reporter.Progress($"FAILURE case {outcome.Case.Index} ({outcome.Case.SeedModel}, {outcome.Case.Mutation}): {outcome.Detail}");
            if (clock.Elapsed - lastProgress < TimeSpan.FromSeconds(5) && sofar.Cases != cases) return;
            lastProgress = clock.Elapsed;
            reporter.Progress($"fuzz: {sofar.Cases}/{cases} cases, {sofar.Valid} valid, {sofar.ClearErrors} clear errors, {sofar.Failures.Count} failures");
        });

        bool ok = report.Failures.Count == 0;
        if (reporter.Json) { reporter.WriteJson(Json(report, seed, corpus, ok)); return ok ? 0 : 1; }

        var t = new Table().AddColumn("cases").AddColumn("valid graphs").AddColumn("clear errors").AddColumn("failures")
            .AddColumn("slowest case").AddColumn("largest allocation");
        t.AddRow(report.Cases.ToString(), report.Valid.ToString(), report.ClearErrors.ToString(),
            ok ? "[green]0[/]" : $"[red]{report.Failures.Count}[/]", $"{report.MaxMs:0} ms", Format.Bytes(report.MaxAllocatedBytes));
        reporter.Table(t);
        if (report.Slowest != null) reporter.Line($"[grey]slowest: case {report.Slowest.Case.Index}, {Markup.Escape(report.Slowest.Case.SeedModel)}, {Markup.Escape(report.Slowest.Case.Mutation)}[/]");
        if (report.StoppedByHang) reporter.Line("[red]stopped at a hang[/]: the hung case still holds a core, so later cases were not run");
        foreach (var f in report.Failures)
            reporter.Line($"[red]failure[/] case {f.Case.Index} ({Markup.Escape(f.Case.Mutation)}): {Markup.Escape(f.Detail)} -> {Markup.Escape(f.SavedAs ?? "")}");
        reporter.Line($"{clock.Elapsed.TotalSeconds:0} s; {(ok ? "[green]no failures[/]" : $"[red]reproducers in {Markup.Escape(save)}[/]")}");
        return ok ? 0 : 1;
    }

    private static JsonObject Json(FuzzReport r, int seed, FuzzCorpus corpus, bool ok) => new()
    {
        ["ok"] = ok,
        ["seed"] = seed,
        ["corpus_models"] = corpus.Seeds.Count,
        ["cases"] = r.Cases,
        ["valid"] = r.Valid,
        ["clear_errors"] = r.ClearErrors,
        ["failures"] = new JsonArray(r.Failures.Select(f => (JsonNode)new JsonObject
        {
            ["case"] = f.Case.Index, ["seed"] = f.Case.Seed, ["seed_model"] = f.Case.SeedModel, ["mutation"] = f.Case.Mutation,
            ["error"] = f.Detail, ["reproducer"] = f.SavedAs,
        }).ToArray()),
        ["max_ms"] = Math.Round(r.MaxMs, 1),
        ["max_allocated_bytes"] = r.MaxAllocatedBytes,
        ["stopped_by_hang"] = r.StoppedByHang,
    };
}
