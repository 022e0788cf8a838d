using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Health;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// health-events' training loss (HealthTrainer) on its training people: the sum over stress,
/// readiness and sleep quality of each head's class-weighted cross-entropy, with the trainer's
/// balanced weights n / (3 · count of the class). The graph has no dropout (export drops it), so
/// none here; no weight decay either. Raw windows go in: the scaling is folded into fc1.
/// </summary>
public sealed class HealthObjective : ITuningObjective
{
    private const int BatchSize = 64; // the trainer's
    private const double ShareOfTrainingRate = 0.2;
    private static readonly ConcurrentDictionary<HealthDataSpec, Lazy<List<HealthWindow>>> TrainingWindows = new();

    private readonly ValueInfo _input;
    private readonly Tensor _x;
    private readonly Tensor[] _labels, _classWeights;

    public string Description { get; }
    public double LearningRate { get; }

    public HealthObjective(JsonObject config, ModelGraph graph)
    {
        var spec = HealthDataSpec.FromJson(config["data"]?.AsObject());
        var train = TrainingWindows.GetOrAdd(spec, s => new Lazy<List<HealthWindow>>(() => s.Load().Train)).Value;
        if (train.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the health data ({spec.Describe()}) has no training windows", file: graph.SourcePath);
        int n = train.Count, features = train[0].Input.Length;
        _input = FeatureInput(graph, features);
        foreach (var name in HealthLabels.OutputNames)
            if (graph.Outputs.All(o => o.Name != name))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"the model has no output '{name}'", file: graph.SourcePath,
                    hint: $"a health model has outputs {string.Join(", ", HealthLabels.OutputNames)}");

        _x = tensor(train.SelectMany(w => w.Input).ToArray(), new long[] { n, features }).DetachFromDisposeScope();
        _labels = new Tensor[HealthLabels.Tasks];
        _classWeights = new Tensor[HealthLabels.Tasks];
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var labels = train.Select(w => w.Labels[t]).ToArray();
            _labels[t] = tensor(labels.Select(v => (long)v).ToArray()).DetachFromDisposeScope();
            var counts = Enumerable.Range(0, HealthLabels.Classes).Select(c => Math.Max(1, labels.Count(v => v == c))).ToArray();
            _classWeights[t] = tensor(counts.Select(c => (float)(n / (double)(HealthLabels.Classes * c))).ToArray()).DetachFromDisposeScope();
        }
        LearningRate = (config["training"]?["learning_rate"]?.GetValue<double>() ?? new HealthTrainConfig().LearningRate) * ShareOfTrainingRate;
        Description = $"sum of the three heads' class-weighted cross-entropy, as in training, on the training people ({spec.Describe()}; {n} windows), batches of {BatchSize}";
    }

    public Tensor Loss(GraphModule module, Random rng)
    {
        var idx = GraphBatches.DrawIndices(rng, _x.shape[0], BatchSize);
        var outputs = module.Run(new Dictionary<string, Tensor> { [_input.Name] = GraphBatches.AsInput(_input, _x.index_select(0, idx)) });
        Tensor? loss = null;
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var logits = GraphBatches.AsRows(outputs[HealthLabels.OutputNames[t]]);
            var part = nn.functional.cross_entropy(logits, _labels[t].index_select(0, idx), _classWeights[t]);
            loss = loss is null ? part : loss + part;
        }
        return loss!;
    }

    private static ValueInfo FeatureInput(ModelGraph graph, int features)
    {
        var input = graph.Inputs.Count == 1 ? graph.Inputs[0] : null;
        if (input == null || input.Type != DataType.Float32 || !input.Shape.IsConcrete || input.Shape.ElementCount != features)
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"a health model takes one float input of {features} features, this one has {string.Join(", ", graph.Inputs)}",
                file: graph.SourcePath, hint: "fine-tune a model trained by `./edgetk train health` beside its config.json");
        return input;
    }
}
