using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeToolkit.Training.Health;

/// <summary>The card's title, summary and architecture paragraphs for an architecture other than the MLP.</summary>
public sealed record HealthArchText(string Title, string Summary, string Architecture);

/// <summary>
/// `edgetk train health --arch transformer`: the transformer's training configuration and the
/// parts of its card that differ from the MLP's (HealthTask writes the rest the same way).
/// </summary>
public static class HealthTransformerRecipe
{
    public static HealthTransformerTrainConfig Config(int epochs) => new(new HealthTransformerConfig(), Epochs: epochs);

    public static readonly HealthTransformerTrainConfig QuickConfig = new(new HealthTransformerConfig(DModel: 8, Heads: 2, Layers: 1, FeedForward: 16), Epochs: 2);

    public static HealthArchText Describe(int days, HealthTransformerTrainConfig cfg)
    {
        var c = cfg.Model;
        int inputs = HealthFeatures.InputSize(days);
        return new HealthArchText(
            "health-transformer: next-day stress, readiness and sleep quality (small transformer)",
            $"The transformer variant of health-events: the same input (the past {days} days of wrist-wearable data, raw, and tomorrow's weekday), " +
            "the same three outputs, the same data and person split, read as a sequence of one token per day. " +
            "A drop-in replacement for the MLP on every path (firmware, ONNX Runtime, quantize --calibration health, evaluate --dataset health). " +
            "Figures are on people never seen in training, against the MLP trained in the same run.",
            $"Input `features` [1, {inputs}]: {days} days (oldest first) x {HealthFeatures.PerDay} raw columns " +
            $"({string.Join(", ", HealthFeatures.DayColumns)}), then the target day's weekday one-hot (Monday first). " +
            "A group of fields not recorded that day has its values and its flag at 0.\n\n" +
            $"Slice + Reshape to {days} day tokens x {HealthFeatures.PerDay}; day embedding Linear {HealthFeatures.PerDay}->{c.DModel} shared by every day " +
            "(standardisation and masking folded in, per token: a group's mean term sits on its flag column, so an unrecorded group contributes nothing); " +
            $"a target token, Linear 7->{c.DModel} of the weekday one-hot; learned position embedding for the {days + 1} tokens. " +
            $"{c.Layers} pre-LN encoder layer{(c.Layers > 1 ? "s" : "")} (d={c.DModel}, {c.Heads} heads of {c.HeadDim}, full attention over the {days + 1} tokens, " +
            $"ReLU feed-forward {c.DModel}->{c.FeedForward}->{c.DModel}); the target token's final state, LayerNorm, then three heads Gemm {c.DModel}->3. " +
            "The exported last layer computes only the target token's row (the heads read nothing else)" +
            (c.Layers == 1 ? "; with one layer that makes it attention pooling: the target token's query weighs the day tokens, and the feed-forward works on that one row. " : ". ") +
            "Outputs (logits, argmax is the class): `stress_logits`, `readiness_logits`, `sleep_quality_logits`. " +
            $"{HealthTransformer.ParameterCount(days, c):N0} parameters. Dropout {c.Dropout} in training only; AdamW, one-cycle learning rate " +
            $"(peak {cfg.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}), gradient norm clipped at {cfg.ClipNorm}, " +
            "balanced class weights, the epoch with the best validation macro-F1 kept.");
    }

    /// <summary>The held-out comparison with the MLP (trained in the same run on the same windows) and the baselines.</summary>
    public static string Comparison(TaskScores transformer, TaskScores mlp, TaskScores logistic, TaskScores majority)
    {
        string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        string Signed(double v) => Math.Round(v, 3).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine("Same held-out windows. The MLP is trained in this run before the transformer, with the recipe of models/health-events " +
                     "(`./edgetk train health`, same seed, same data); both in ONNX Runtime.\n");
        s.AppendLine("| task | transformer macro-F1 | MLP | logistic | majority | transformer - MLP | transformer accuracy | MLP | logistic | majority |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int t = 0; t < HealthLabels.Tasks; t++)
            s.AppendLine($"| {HealthLabels.TaskNames[t]} | {F(transformer.MacroF1[t])} | {F(mlp.MacroF1[t])} | {F(logistic.MacroF1[t])} | {F(majority.MacroF1[t])} | " +
                         $"{Signed(transformer.MacroF1[t] - mlp.MacroF1[t])} | {F(transformer.Accuracy[t])} | {F(mlp.Accuracy[t])} | {F(logistic.Accuracy[t])} | {F(majority.Accuracy[t])} |");
        s.AppendLine($"| mean | {F(transformer.MeanMacroF1)} | {F(mlp.MeanMacroF1)} | {F(logistic.MeanMacroF1)} | {F(majority.MeanMacroF1)} | " +
                     $"{Signed(transformer.MeanMacroF1 - mlp.MeanMacroF1)} | {F(transformer.MeanAccuracy)} | {F(mlp.MeanAccuracy)} | {F(logistic.MeanAccuracy)} | {F(majority.MeanAccuracy)} |\n");
        int better = Enumerable.Range(0, HealthLabels.Tasks).Count(t => transformer.MacroF1[t] > mlp.MacroF1[t]);
        s.AppendLine((transformer.MeanMacroF1 > mlp.MeanMacroF1
            ? $"The transformer is ahead of the MLP on mean macro-F1 by {F(transformer.MeanMacroF1 - mlp.MeanMacroF1)} ({better} of {HealthLabels.Tasks} tasks). "
            : $"The transformer does not beat the MLP: mean macro-F1 {F(transformer.MeanMacroF1)} against {F(mlp.MeanMacroF1)} ({better} of {HealthLabels.Tasks} tasks better). ") +
            "Retraining either with another initialisation seed (same data, same split) moves its held-out mean macro-F1 by up to 0.02 " +
            "(docs/health-data.md, \"The transformer variant\"), so a gap smaller than that is not a difference between the architectures.");
        return s.ToString();
    }

    /// <summary>Why `quantize` needs the day embedding kept float, and how to ask for it.</summary>
    public const string QuantizationNote =
        "Quantize with `./edgetk quantize models/health-transformer --calibration health --exclude day_embed -o DIR` " +
        "(or `--dataset health --max-drop 0.01`, whose search excludes that node itself). The day embedding reads raw readings, " +
        "steps in the thousands beside 0/1 flags, through Slice and Reshape: the quantizer's input equalization (docs/quantization.md) " +
        "only rescales a graph input read directly by a Gemm or MatMul, so one int8 scale for those readings turns every small feature " +
        "into 0 and the int8 model's macro-F1 collapses far below the baselines. Kept float, the embedding is 18 x 16 weights and costs little.";

    public static JsonObject TrainingJson(HealthTransformerTrainConfig cfg, int seed, bool quick) => new()
    {
        ["arch"] = "transformer",
        ["d_model"] = cfg.Model.DModel, ["heads"] = cfg.Model.Heads, ["layers"] = cfg.Model.Layers, ["feed_forward"] = cfg.Model.FeedForward,
        ["dropout"] = cfg.Model.Dropout, ["epochs"] = cfg.Epochs, ["batch_size"] = cfg.BatchSize, ["learning_rate"] = cfg.LearningRate,
        ["schedule"] = "one-cycle", ["weight_decay"] = cfg.WeightDecay, ["clip_norm"] = cfg.ClipNorm, ["seed"] = seed, ["quick"] = quick,
    };
}
