using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// `edgetk train reasoning`: a tiny decoder-only transformer that does character-level
/// arithmetic (reversed-answer addition and subtraction of up to 4-digit numbers, 2-digit
/// products with or without a scratchpad), exported as a one-token step with a key/value cache.
/// </summary>
public sealed class ReasoningTask : IZooTask
{
    public string Name => "reasoning";
    public string Summary => "tiny transformer for character-level arithmetic (add, sub, 2-digit mul with a scratchpad), KV-cache step export";

    public IReadOnlyList<TrainOption> Options { get; } = new[]
    {
        new TrainOption("scratchpad", "true", "write partial products and their sum before a product's answer (false: answer directly)"),
        new TrainOption("steps", "8000", "optimizer steps"),
        new TrainOption("batch", "64", "problems per step"),
        new TrainOption("layers", "3", "transformer blocks"),
        new TrainOption("d-model", "64", "embedding width"),
        new TrainOption("heads", "4", "attention heads"),
        new TrainOption("ff", "256", "MLP hidden width"),
        new TrainOption("lr", "0.002", "peak AdamW learning rate (linear warmup, cosine decay)"),
        new TrainOption("warmup", "300", "warmup steps"),
        new TrainOption("weight-decay", "0.1", "AdamW weight decay on matrices"),
        new TrainOption("eval-every", "1000", "steps between held-out checks (greedy, first 100 problems of each task)"),
    };

    public string DefaultOutput(TrainContext context) =>
        ParseBool(context.Option(this, "scratchpad"), "scratchpad") ? "models/reasoning-arith" : "models/reasoning-arith-noscratch";

    public TrainOutcome Train(TrainContext context)
    {
        var total = Stopwatch.StartNew();
        TorchRuntime.Initialize(context.Seed);
        bool scratchpad = ParseBool(context.Option(this, "scratchpad"), "scratchpad");
        var config = new DecoderConfig(ArithmeticVocabulary.Size, ArithmeticData.MaxContext,
            context.IntOption(this, "layers"), context.IntOption(this, "d-model"), context.IntOption(this, "heads"), context.IntOption(this, "ff"));
        var settings = new TrainingSettings(
            Steps: context.Quick ? 30 : context.IntOption(this, "steps"),
            BatchSize: context.Quick ? 16 : context.IntOption(this, "batch"),
            LearningRate: context.DoubleOption(this, "lr"),
            WarmupSteps: context.Quick ? 5 : context.IntOption(this, "warmup"),
            WeightDecay: context.DoubleOption(this, "weight-decay"),
            EvalEvery: context.Quick ? 30 : context.IntOption(this, "eval-every"),
            EvalSamples: context.Quick ? 10 : 100,
            Scratchpad: scratchpad, Seed: context.Seed);
        int evalCount = context.Quick ? 30 : ArithmeticData.HeldOutPerOp;
        int parityCount = context.Quick ? 10 : 200;

        var model = new TinyDecoder(config);
        context.Progress.Log($"reasoning: {config.Layers} layers, d_model {config.DModel}, {config.Heads} heads, ff {config.FeedForward}, {config.Parameters:N0} parameters, scratchpad {scratchpad}");
        var log = ArithmeticTrainer.Train(model, settings, context.Progress);

        context.Progress.Report(new TrainProgress("export", 0, 1, null, null, null, total.Elapsed));
        var graph = DecoderStepExporter.Export(model);
        var signature = DecoderStepExporter.Signature(config);
        var metrics = new Dictionary<string, double>();
        var traces = new Dictionary<string, double>();
        double parityAgreement, stepLogitsMaxDiff, maxAbsLogit;
        using (var ort = new OrtBackend(graph))
        {
            context.Progress.Report(new TrainProgress("evaluate", 0, 1, null, null, null, total.Elapsed));
            foreach (var op in ArithmeticData.Ops)
            {
                var problems = ArithmeticData.HeldOut(op).Take(evalCount).ToList();
                var score = ArithmeticScoring.Compute(problems, ort.Generate(signature, ArithmeticScoring.Prompts(problems), 18), scratchpad);
                metrics[$"exact_match_{Short(op)}"] = score.ExactMatch;
                traces[Short(op)] = score.TraceExactMatch;
                context.Progress.Log($"held-out {Short(op)} through ONNX Runtime: exact match {score.ExactMatch:P1} of {problems.Count}, trace {score.TraceExactMatch:P1}");
            }
            (parityAgreement, stepLogitsMaxDiff, maxAbsLogit) = DecoderParity.Check(model, graph, ort, signature, parityCount, scratchpad);
        }
        metrics["torch_ort_greedy_agreement"] = parityAgreement;
        metrics["step_logits_max_abs_diff"] = stepLogitsMaxDiff;
        metrics["step_logits_max_abs"] = maxAbsLogit;
        context.Progress.Log($"TorchSharp vs ONNX Runtime: greedy outputs agree on {parityAgreement:P1}, step logits max |diff| {stepLogitsMaxDiff:E2}");

        var card = ReasoningCard.Build(context, config, settings, log, metrics, traces, evalCount, parityCount, scratchpad);
        card.TrainingTime = total.Elapsed;
        var json = BuildConfig(config, settings, signature, scratchpad, log, metrics, total.Elapsed);
        var (modelPath, cardPath, _) = ModelFolder.Write(context.OutputDir, graph, card, json);
        return new TrainOutcome(modelPath, cardPath, metrics, total.Elapsed);
    }

    internal static string Short(ArithmeticOp op) => op.ToString().ToLowerInvariant();

    private static bool ParseBool(string v, string option) => v.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"--{option} '{v}' is not true or false", hint: $"use --{option} true or --{option} false"),
    };

    private static JsonObject BuildConfig(DecoderConfig c, TrainingSettings s, DecoderSignature sig, bool scratchpad, TrainingLog log,
        IReadOnlyDictionary<string, double> metrics, TimeSpan total) => new()
    {
        ["task"] = "reasoning",
        ["vocabulary"] = new JsonArray(ArithmeticVocabulary.Symbols.Select(ch => (JsonNode)ch.ToString()).ToArray()),
        ["decoder"] = ReasoningConfig.DecoderJson(sig),
        ["format"] = new JsonObject
        {
            ["answer_digits"] = "reversed (least significant first)",
            ["negative_sign"] = "after the digits",
            ["multiplication_scratchpad"] = scratchpad,
            ["end_token"] = ArithmeticVocabulary.End.ToString(),
        },
        ["model"] = new JsonObject
        {
            ["layers"] = c.Layers, ["d_model"] = c.DModel, ["heads"] = c.Heads, ["feed_forward"] = c.FeedForward,
            ["max_context"] = c.MaxContext, ["vocab"] = c.Vocab, ["parameters"] = c.Parameters,
        },
        ["training"] = new JsonObject
        {
            ["steps"] = s.Steps, ["batch"] = s.BatchSize, ["lr"] = s.LearningRate, ["warmup"] = s.WarmupSteps,
            ["weight_decay"] = s.WeightDecay, ["seed"] = s.Seed, ["train_seconds"] = Math.Round(log.Duration.TotalSeconds, 1),
            ["total_seconds"] = Math.Round(total.TotalSeconds, 1),
        },
        ["held_out"] = new JsonObject { ["seed"] = ArithmeticData.HeldOutSeed, ["per_task"] = ArithmeticData.HeldOutPerOp },
        ["metrics"] = new JsonObject(metrics.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(Math.Round(kv.Value, 6))))),
    };
}
