using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>The card.md of an arithmetic model: format with examples, architecture, figures, retrain commands.</summary>
public static class ReasoningCard
{
    private static readonly ArithmeticProblem[] Examples =
    {
        new(ArithmeticOp.Add, 1234, 987), new(ArithmeticOp.Add, 7, 5), new(ArithmeticOp.Sub, 12, 345),
        new(ArithmeticOp.Sub, 5023, 18), new(ArithmeticOp.Mul, 47, 38), new(ArithmeticOp.Mul, 10, 10),
    };

    public static ModelCard Build(TrainContext context, DecoderConfig c, TrainingSettings s, TrainingLog log,
        IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, double> traces, int evalCount, int parityCount, bool scratchpad)
    {
        string variant = scratchpad ? "with a scratchpad for products" : "without a scratchpad (products answered directly)";
        var card = new ModelCard
        {
            Title = scratchpad ? "reasoning-arith: tiny transformer arithmetic with a scratchpad" : "reasoning-arith-noscratch: tiny transformer arithmetic, no scratchpad",
            Summary = $"A {c.Parameters:N0}-parameter decoder-only transformer that does character-level arithmetic, {variant}: " +
                      "addition and subtraction of up to 4-digit numbers and 2-digit by 2-digit multiplication, answers written " +
                      "least significant digit first. It is exported as one decoding step with a key/value cache, so a microcontroller " +
                      "runs it one token at a time in fixed memory.",
            Dataset = "arithmetic-add",
            Metric = "exact_match",
            Data = DataSection(scratchpad),
            Architecture = ArchitectureSection(c),
            RetrainCommand = "./edgetk train reasoning -o models/reasoning-arith\n./edgetk train reasoning --scratchpad false -o models/reasoning-arith-noscratch",
        };
        string how = $"greedy decoding through ONNX Runtime (the exported KV-cache step), first {evalCount} held-out problems";
        foreach (var op in ArithmeticData.Ops)
        {
            string key = ReasoningTask.Short(op);
            card.AddMetric($"exact_match ({key})", metrics[$"exact_match_{key}"], $"{how}; `edgetk evaluate MODEL --dataset arithmetic-{key}`", "0.000");
        }
        if (scratchpad) card.AddMetric("trace exact match (mul)", traces["mul"], "every scratchpad token and the answer right", "0.000");
        card.AddMetric("TorchSharp vs ONNX Runtime greedy agreement", metrics["torch_ort_greedy_agreement"],
            $"full-sequence TorchSharp decoding vs KV-cache step decoding, {parityCount} problems per task", "0.000");
        card.AddMetric("step logits max abs difference", metrics["step_logits_max_abs_diff"],
            $"TorchSharp full forward vs ONNX Runtime step, 9 problems (largest logit magnitude {metrics["step_logits_max_abs"]:F1}: float32 rounding)", "E2");

        card.Sections.Add(("Scratchpad versus direct answers", ComparisonSection(context, metrics, scratchpad)));
        card.Sections.Add(("Training run", TrainingSection(s, log)));
        card.Sections.Add(("Decoding speed on the emulated board",
            "The whole greedy decoding loop runs on the board (prompts in flash, the key/value cache in RAM, one model step per token). " +
            "Measure it with `./edgetk evaluate " + (scratchpad ? "models/reasoning-arith" : "models/reasoning-arith-noscratch") +
            " --dataset arithmetic-mul --target cortex-m4 --json` (figures: instructions_per_token, tokens_per_second_at_board_clock)."));
        return card;
    }

    private static string DataSection(bool scratchpad)
    {
        var s = new StringBuilder();
        s.AppendLine($"Generated, seeded. Vocabulary (15 tokens): `{ArithmeticVocabulary.Symbols}`; `$` ends an answer. The prompt is the " +
                     "problem up to `=`; the model writes the rest. Answers are reversed (least significant digit first, as in Lee et al., " +
                     "\"Teaching Arithmetic to Small Transformers\"); a negative difference ends with `-`. Add and sub operands are " +
                     "zero-padded to 4 digits, so the digits each answer digit needs sit at a fixed offset from it. With the scratchpad a product " +
                     "is written as the units partial product (3 digits, reversed), `+`, the tens partial product (4 digits, reversed), " +
                     "`=`, and their sum (reversed): each digit is one digit sum plus a carry from the digit before it.\n");
        s.AppendLine("| problem | written (this model) |\n|---|---|");
        foreach (var p in Examples) s.AppendLine($"| {p.A} {p.Sign} {p.B} = {p.Value} | `{p.Text(scratchpad)}` |");
        s.AppendLine();
        s.AppendLine($"Held-out: {ArithmeticData.HeldOutPerOp:N0} distinct problems per task (seed {ArithmeticData.HeldOutSeed}): add and sub operands " +
                     "uniform in 0..9999 (mostly 4-digit), products uniform over 10..99 x 10..99. The training stream excludes all 3,000 by " +
                     "value. Training problems: each row picks add, sub or mul with shares " +
                     string.Join("/", ArithmeticTrainer.OpShares.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture))) +
                     " (subtraction learns slowest); a third of the subtractions have operands of one length sharing their leading digits " +
                     "(their sign depends on the low digits; such pairs are rare otherwise); add/sub operand lengths are drawn uniformly from " +
                     "1..4 digits first, so short problems are as frequent as long ones. The loss covers the answer tokens only.");
        return s.ToString();
    }

    private static string ArchitectureSection(DecoderConfig c)
    {
        long perLayerMacs = 4L * c.DModel * c.DModel + 2L * c.DModel * c.FeedForward;
        long attentionMacs = 2L * c.MaxContext * c.DModel;
        long macs = c.Layers * (perLayerMacs + attentionMacs) + (long)c.DModel * c.Vocab;
        return $"Decoder-only transformer: token and learned position embeddings (d_model {c.DModel}, {c.MaxContext} positions), " +
               $"{c.Layers} pre-LayerNorm blocks (causal attention with {c.Heads} heads of {c.HeadDim}, MLP {c.DModel}->{c.FeedForward}->{c.DModel} " +
               $"with exact GELU), final LayerNorm and a linear head to {c.Vocab} logits. {c.Parameters:N0} parameters.\n\n" +
               "Exported graph (one token per call, opset 17, only ops the C generator compiles):\n\n" +
               "| name | type | shape |\n|---|---|---|\n" +
               $"| input `token` | int64 | [1] |\n| input `position` | int64 | [1] (0-based) |\n" +
               $"| input `past_keys`, `past_values` | float32 | [{c.Layers}, {c.MaxContext}, {c.DModel}] (zeros at the start) |\n" +
               $"| output `logits` | float32 | [1, {c.Vocab}] |\n| output `present_keys`, `present_values` | float32 | [{c.Layers}, {c.MaxContext}, {c.DModel}] |\n\n" +
               "Row `position` of each cache is replaced with Where(Equal(0..T-1, position), new row, cache), an exact copy, and the " +
               "outputs are written from the inputs in one Where each, so no cache-sized intermediate stays alive; " +
               "rows after `position` get a -1e9 score before the softmax over all T rows. The decoder signature (state pairs " +
               "past_keys=present_keys, past_values=present_values, end token 14, max context) and the vocabulary are in config.json. " +
               $"Multiply-accumulates per token: about {macs:N0} by count of the matrix products (attention over all {c.MaxContext} cache rows); " +
               "the Size table gives the generated C's own count.";
    }

    private static string ComparisonSection(TrainContext context, IReadOnlyDictionary<string, double> metrics, bool scratchpad)
    {
        var other = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.OutputDir).TrimEnd('/')) ?? ".",
            scratchpad ? "reasoning-arith-noscratch" : "reasoning-arith");
        var otherMetrics = (ModelFolder.ReadConfig(Path.Combine(other, ModelFolder.ModelFile))?["metrics"]) as JsonObject;
        var s = new StringBuilder();
        s.AppendLine("Same model family, same training budget; only the way products are written differs. Exact match on held-out problems " +
                     "(final answer), greedy decoding through ONNX Runtime:\n");
        s.AppendLine("| model | add | sub | mul |\n|---|---:|---:|---:|");
        string Row(string name, Func<string, double?> get) =>
            $"| {name} | {Fmt(get("add"))} | {Fmt(get("sub"))} | {Fmt(get("mul"))} |";
        var mine = Row(scratchpad ? "with scratchpad (this model)" : "no scratchpad (this model)", k => metrics[$"exact_match_{k}"]);
        var theirs = otherMetrics == null ? null
            : Row(scratchpad ? "no scratchpad (models/reasoning-arith-noscratch)" : "with scratchpad (models/reasoning-arith)",
                k => otherMetrics[$"exact_match_{k}"]?.GetValue<double>());
        if (scratchpad) { s.AppendLine(mine); if (theirs != null) s.AppendLine(theirs); }
        else { if (theirs != null) s.AppendLine(theirs); s.AppendLine(mine); }
        if (theirs == null) s.AppendLine("\n(The other variant was not found beside this folder when this card was written.)");
        return s.ToString();
    }

    private static string TrainingSection(TrainingSettings s, TrainingLog log)
    {
        var b = new StringBuilder();
        b.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Steps:N0} AdamW steps of {s.BatchSize} problems (lr {s.LearningRate}, {s.WarmupSteps} warmup steps, cosine decay to 2% of the peak, weight decay {s.WeightDecay} on matrices, gradient norm clipped at 1, betas 0.9/0.98), seed {s.Seed}; the training loop took {log.Duration.TotalSeconds:F0} s on a machine shared with other jobs (timings are inflated by that load). Held-out checks during training (greedy, full-sequence TorchSharp forward):\n"));
        b.AppendLine("```");
        foreach (var line in log.Checkpoints) b.AppendLine(line);
        b.AppendLine("```");
        return b.ToString();
    }

    private static string Fmt(double? v) => v is double d ? d.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
