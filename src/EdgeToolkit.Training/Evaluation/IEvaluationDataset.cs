using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Evaluation;

/// <summary>
/// A built-in evaluation data set (`edgetk evaluate MODEL --dataset NAME`): held-out samples and
/// the metric the zoo's card reports for them. It runs the model only through the backend, so the
/// same code scores ONNX Runtime, the host C build and an emulated board.
/// </summary>
public interface IEvaluationDataset
{
    /// <summary>arithmetic-add, arithmetic-sub, arithmetic-mul, health, control-msd, control-tendon, control-hasel, fashion-mnist.</summary>
    string Name { get; }
    string Summary { get; }
    /// <summary>The metric's name in JSON (exact_match, accuracy, macro_f1, nrmse_pct_range...).</summary>
    string Metric { get; }
    bool HigherIsBetter { get; }
    /// <summary>Samples used when --limit is not given (the full held-out set for ort/host).</summary>
    int DefaultSamples(string target);
    EvaluationResult Evaluate(EvaluationContext context);
}

public sealed class EvaluationContext
{
    public required string ModelPath { get; init; }
    public required ModelGraph Graph { get; init; }
    /// <summary>The model folder's config.json (scaling, tokenizer, decoder signature), when there is one.</summary>
    public JsonObject? Config { get; init; }
    public required IInferenceBackend Backend { get; init; }
    /// <summary>Number of samples to score (the first N of the held-out set); null is DefaultSamples.</summary>
    public int? Limit { get; init; }
    public ITrainingProgress Progress { get; init; } = NullTrainingProgress.Instance;

    public int SampleCount(IEvaluationDataset d, int available) => Math.Min(available, Limit ?? d.DefaultSamples(Backend.Target));
}

/// <param name="Value">The metric over Samples samples.</param>
/// <param name="Details">Further figures (per-task metrics, baselines, per-class scores), flat for JSON.</param>
public sealed record EvaluationResult(string Dataset, string Metric, double Value, int Samples,
    IReadOnlyDictionary<string, double> Details, string? Note = null);

/// <summary>
/// Where a model runs during evaluation: ONNX Runtime ("ort") or its generated C on a target.
/// Batches let a target backend build once and run many samples per emulator start.
/// </summary>
public interface IInferenceBackend
{
    /// <summary>"ort", "host", "aarch64", "cortex-m4"...</summary>
    string Target { get; }
    string? Board { get; }
    /// <summary>Stateless inference: one output map per input map, in order.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Run(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases);
    /// <summary>Greedy decoding of each prompt (token ids); returns the generated tokens only, ending with the end token when it came.</summary>
    IReadOnlyList<long[]> Generate(DecoderSignature signature, IReadOnlyList<long[]> prompts, int maxNewTokens);
    /// <summary>Figures measured along the way (instructions_per_token, flash_bytes...), for the JSON.</summary>
    IReadOnlyDictionary<string, double> Figures { get; }
}
