using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Profiling;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// profile: latency and memory of a model on ONNX Runtime, the host build, AArch64 and Cortex-M
/// boards (docs/profiler.md). Each C target goes through verify's path (compile, run, compare with
/// ORT); the profiler adds ORT's own figures, repeated host runs, per-layer costs, board fits and
/// the reports. With --compare, a second model is profiled the same way and ratios b/a are given.
/// </summary>
public sealed class ProfileCommand : ICommand
{
    public string Name => "profile";
    public string Summary => "latency and memory on ONNX Runtime, host, AArch64 and Cortex-M boards; per layer, board fit, HTML report";
    public string Usage => """
        usage: ./edgetk profile PATH [--targets ort,host,aarch64,cortex-m0,cortex-m4] [--board B] [--per-layer]
                                [--compare OTHER [--compare-options "--no-fuse ..."]] [--html report.html] [--inputs N] [--seed S] [--input name=lo..hi|name=file.pb]
                                [--runs N] [--host-runs N] [--native] [--shape name=1x16] [--const name=value] [--name PREFIX]
                                [--fast] [--no-fuse] [--json]

        PATH (and OTHER): an .onnx file, an ONNX test-case folder, a model folder, or builtin:cnn.
        Targets: ort (ONNX Runtime here), host, aarch64, cortex-m0, cortex-m3, cortex-m4, cortex-m7, cortex-m33 (default ort,host,cortex-m4).
        --compare-options: model options for OTHER instead of PATH's (compare two builds: --compare PATH --compare-options --no-fuse).
        --board B runs its core's target on board B (added to the targets if missing); --target T is --targets T.
        --runs: timed ONNX Runtime runs (default 1000, after 100 warm-up); --host-runs: runs of the host harness (default 8).
        Exit code 0 when the generated C agreed with ONNX Runtime on every target; 1 when a target failed or disagreed.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = ModelOptions.ValueOptionNames
        .Concat(new[] { "targets", "compare", "compare-options", "html", "inputs", "seed", "input", "runs", "host-runs" }).ToHashSet();
    public IReadOnlySet<string> FlagOptions { get; } = ModelOptions.FlagOptionNames.Concat(new[] { "per-layer", "native" }).ToHashSet();

    public int Run(Args args, Reporter reporter)
    {
        var options = ModelOptions.From(args);
        var targets = Targets(args.Get("targets") ?? args.Get("target"), options.Board);
        var a = Profile(args.Positional(0, "model PATH"), targets, options, args, reporter);
        var otherPath = args.Get("compare");
        var b = otherPath == null ? null : Profile(otherPath, targets, CompareOptions(args, options), args, reporter);

        if (args.Get("html") is { } html)
        {
            HtmlReport.Write(html, a, b);
            reporter.Progress($"wrote {Path.GetFullPath(html)}");
        }
        if (reporter.Json) reporter.WriteJson(b == null ? a.ToJson() : new ProfileComparison(a, b).ToJson());
        else
        {
            foreach (var table in ProfileTables.For(a)) reporter.Table(table);
            if (b != null)
            {
                foreach (var table in ProfileTables.For(b)) reporter.Table(table);
                reporter.Table(ProfileTables.Ratios(new ProfileComparison(a, b)));
            }
        }
        return a.Ok && (b?.Ok ?? true) ? 0 : 1;
    }

    /// <summary>Side b's model options: side a's, or those of --compare-options (two builds of one model, e.g. "--no-fuse").</summary>
    private static ModelOptions CompareOptions(Args args, ModelOptions a)
    {
        if (args.Get("compare-options") is not { } text) return a;
        var names = ModelOptions.ValueOptionNames.Where(n => n is not ("target" or "board")).ToHashSet();
        var parsed = Args.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), names, ModelOptions.FlagOptionNames.ToHashSet());
        if (parsed.Positionals.Count > 0) throw Args.Usage($"--compare-options takes model options only, got '{parsed.Positionals[0]}'");
        return ModelOptions.From(parsed) with { Board = a.Board };
    }

    private static IReadOnlyList<string> Targets(string? list, string? board)
    {
        var targets = (list ?? "ort,host,cortex-m4").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        foreach (var t in targets)
            if (t != "ort" && !CodeGen.TargetProfile.AllTargets.Contains(t))
                throw Args.Usage($"unknown target '{t}' in --targets", $"choose from: ort, {string.Join(", ", CodeGen.TargetProfile.AllTargets)}");
        if (board != null && BoardCatalog.FromRepository().Get(board).Core is var core && !targets.Contains(core)) targets.Add(core);
        return targets;
    }

    private static ProfileReport Profile(string path, IReadOnlyList<string> targets, ModelOptions options, Args args, Reporter reporter)
    {
        var source = ModelSource.Load(path);
        var catalog = BoardCatalog.FromRepository();
        var boardCore = options.Board == null ? null : catalog.Get(options.Board).Core;
        var profiles = new List<TargetProfile>();
        foreach (var target in targets)
        {
            if (target == "ort")
            {
                reporter.Progress($"profile: {source.Display} on ONNX Runtime");
                profiles.Add(OrtProfiler.Profile(source.OnnxBytes, OrtInputs(source, options, args),
                    new OrtProfileOptions(Runs: args.GetInt("runs", 1000), PerNode: args.Flag("per-layer"))));
                continue;
            }
            var targetOptions = options with { Target = target, Board = target == boardCore ? options.Board : null };
            profiles.Add(ProfileC(source, targetOptions, args, reporter));
        }
        return new ProfileReport(source.Display, profiles, BoardFit.For(catalog.All, profiles));
    }

    /// <summary>One C target through verify's path; a target that cannot build or run (e.g. the model does not fit) is reported, not fatal.</summary>
    private static TargetProfile ProfileC(ModelSource source, ModelOptions options, Args args, Reporter reporter)
    {
        reporter.Progress($"profile: {source.Display} on {options.Target}");
        bool host = options.Target == "host";
        // qemu-user has no cost counter, so AArch64 gets the layer list without an instrumented build.
        bool perLayer = args.Flag("per-layer");
        VerifyResult result;
        try
        {
            result = Verification.Run(source, options, new Verification.Options(
                Inputs: args.GetInt("inputs", 4), Seed: args.GetInt("seed", 1), InputSpecs: args.GetAll("input"),
                KeepBuild: host, HostNative: args.Flag("native"), PerLayer: perLayer && options.Target != "aarch64"), reporter);
        }
        catch (EdgeToolkitException e) when (e.Kind == ErrorKind.CheckFailed)
        {
            reporter.Progress($"profile: {options.Target} failed: {e.Message}");
            return CTargetProfiles.Failed(options.Target, options.Board ?? BoardCatalog.DefaultBoards.GetValueOrDefault(options.Target), e.Message);
        }
        HostSamples? samples = null;
        try
        {
            if (host)
            {
                reporter.Progress("profile: repeating the host harness for the latency distribution");
                samples = HostLatencySampler.Sample(result.Run, result.Compilation.Code, result.Cases, args.GetInt("host-runs", 8), TimeSpan.FromMinutes(2));
            }
        }
        finally
        {
            if (host && Directory.Exists(result.Run.BuildDirectory)) Directory.Delete(result.Run.BuildDirectory, recursive: true);
        }
        return CTargetProfiles.From(new CTargetRun(result.Compilation.Code, result.Run, result.Compilation.Board, result.Ok,
            result.Comparison.MaxAbsError, samples, perLayer));
    }

    /// <summary>One input case for ONNX Runtime: a test case's own inputs, else a seeded random case like verify's, plus --const values.</summary>
    private static Dictionary<string, Tensor> OrtInputs(ModelSource source, ModelOptions options, Args args)
    {
        if (source.ReferenceCases.Count > 0) return new Dictionary<string, Tensor>(source.ReferenceCases[0].Inputs);
        var (graph, _) = GraphOptimizer.Optimize(source.Graph, options);
        var input = InputGenerator.Generate(graph.Inputs, 1, args.GetInt("seed", 1), InputGenerator.ParseRanges(args.GetAll("input")))[0];
        foreach (var (name, t) in GraphOptimizer.ConstValues(source.Graph, options)) input[name] = t;
        return input;
    }
}
