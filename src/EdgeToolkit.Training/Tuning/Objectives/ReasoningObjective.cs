using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Reasoning;
using EdgeToolkit.Training.Zoo;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// The arithmetic decoder's training loss (ArithmeticTrainer), computed through its exported
/// one-token step graph: fresh training problems (operations drawn with the trainer's shares,
/// never a held-out problem), teacher-forced one position per step from zero caches, each step
/// fed the previous step's present caches, and cross-entropy on the answer tokens only, averaged
/// over them. Running the step graph rather than a full-sequence model is what lets a pruned
/// graph (narrower caches, fewer heads or feed-forward units) train as it will run.
/// </summary>
public sealed class ReasoningObjective : ITuningObjective
{
    public const int BatchSize = 64; // the trainer's
    private const double TrainingRate = 0.002, ShareOfTrainingRate = 0.25;

    private readonly DecoderSignature _signature;
    private readonly bool _scratchpad;

    /// <param name="config">The model folder's config.json: decoder signature, answer format, training rate.</param>
    /// <param name="seed">Unused: every batch comes from the rng given to Loss; kept for the objectives' common signature.</param>
    public ReasoningObjective(JsonObject config, int seed)
        : this(ReasoningConfig.ReadSignature(config, ModelFolder.ConfigFile), ReasoningConfig.ReadScratchpad(config), seed,
            (config["training"]?["lr"]?.GetValue<double>() ?? TrainingRate) * ShareOfTrainingRate)
    {
    }

    /// <param name="scratchpad">Whether products are written with their partial products (config.json's format.multiplication_scratchpad).</param>
    public ReasoningObjective(DecoderSignature signature, bool scratchpad, int seed, double learningRate = TrainingRate * ShareOfTrainingRate)
    {
        _signature = signature;
        _scratchpad = scratchpad;
        LearningRate = learningRate;
    }

    public string Description =>
        $"cross-entropy on the answer tokens of fresh arithmetic training problems (add/sub/mul {string.Join("/", ArithmeticTrainer.OpShares.Select(s => $"{Math.Round(100 * s)}%"))}, " +
        $"{(_scratchpad ? "products with scratchpad" : "products answered directly")}), teacher-forced through the step graph and its cache, batches of {BatchSize}";

    public double LearningRate { get; }

    public Tensor Loss(GraphModule module, Random rng) =>
        LossOn(module, Enumerable.Range(0, BatchSize).Select(_ => ArithmeticData.SampleTraining(rng, ArithmeticTrainer.SampleOp(rng))).ToList()).Loss;

    /// <summary>
    /// Mean answer-token cross-entropy on the first `perOperation` held-out problems of each operation: a finer measure than
    /// exact match once a model answers (nearly) everything right, e.g. to compare two pruned models that both score 100%.
    /// </summary>
    public double HeldOutLoss(GraphModule module, int perOperation)
    {
        double sum = 0;
        long tokens = 0;
        using var noGrad = no_grad();
        foreach (var op in ArithmeticData.Ops)
            foreach (var chunk in ArithmeticData.HeldOut(op).Take(perOperation).Chunk(BatchSize))
            {
                using var scope = NewDisposeScope();
                var batch = chunk.ToList();
                while (batch.Count < BatchSize) batch.Add(batch[^1]);   // the step graph runs whole batches; repeats are not counted
                var (loss, counted) = LossOn(module, batch, chunk.Length);
                sum += loss.item<float>() * counted.item<float>();
                tokens += (long)counted.item<float>();
            }
        return sum / Math.Max(1, tokens);
    }

    /// <summary>Mean answer-token cross-entropy over the first `counted` problems (all when null), and the number of answer tokens it averages.</summary>
    private (Tensor Loss, Tensor Tokens) LossOn(GraphModule module, IReadOnlyList<ArithmeticProblem> problems, int? counted = null)
    {
        var (tokens, targets, mask) = ArithmeticBatch.Make(problems.ToList(), _scratchpad);
        if (counted is int n && n < problems.Count) mask.narrow(0, n, problems.Count - n).zero_();
        int steps = (int)tokens.size(1);
        var graph = module.Graph;
        if (steps > _signature.MaxContext)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"training problems need {steps} positions but the decoder holds {_signature.MaxContext}", graph.SourcePath);
        var feed = _signature.States.ToDictionary(s => s.Input, s => zeros(BatchShape(graph, s.Input), TorchOps.TorchTypes.Of(InputInfo(graph, s.Input).Type)));
        var tokenShape = BatchShape(graph, _signature.TokenInput);
        var positionShape = BatchShape(graph, _signature.PositionInput);
        var logits = new Tensor[steps];
        for (int p = 0; p < steps; p++)
        {
            feed[_signature.TokenInput] = tokens.select(1, p).reshape(tokenShape);
            feed[_signature.PositionInput] = full(positionShape, p, int64);
            var outputs = module.Run(feed);
            logits[p] = Output(outputs, _signature.LogitsOutput, graph).reshape(BatchSize, -1);
            foreach (var s in _signature.States) feed[s.Input] = Output(outputs, s.Output, graph);
        }
        var all = stack(logits, 1);
        var perToken = nn.functional.cross_entropy(all.view(-1, all.size(2)), targets.view(-1), reduction: nn.Reduction.None);
        var answerTokens = mask.sum();
        return ((perToken * mask.view(-1)).sum() / answerTokens, answerTokens);
    }

    /// <summary>[BatchSize, the graph input's own shape...]: the caches' widths come from the (possibly pruned) graph.</summary>
    private static long[] BatchShape(ModelGraph graph, string input)
    {
        var shape = InputInfo(graph, input).Shape;
        if (!shape.IsConcrete)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"decoder input '{input}' has shape {shape}; fine-tuning needs it fixed", graph.SourcePath,
                hint: "pin the input shapes (--shape) before pruning");
        return shape.ToConcrete().Select(d => (long)d).Prepend(BatchSize).ToArray();
    }

    private static ValueInfo InputInfo(ModelGraph graph, string input) => graph.Inputs.FirstOrDefault(i => i.Name == input)
        ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"the decoder signature names input '{input}', which the graph does not have", graph.SourcePath,
            hint: "config.json's decoder section must match the model");

    private static Tensor Output(IReadOnlyDictionary<string, Tensor> outputs, string name, ModelGraph graph) => outputs.TryGetValue(name, out var t) ? t
        : throw new EdgeToolkitException(ErrorKind.BadInput, $"the decoder signature names output '{name}', which the graph does not have", graph.SourcePath,
            hint: "config.json's decoder section must match the model");
}
