using EdgeToolkit.Graph;
using EdgeToolkit.Pruning.Groups;

namespace EdgeToolkit.Pruning.Schedules;

/// <summary>
/// What a schedule needs from outside the graph: data (activation or Taylor scores, the output
/// change a thinner layer causes) and training (fine-tuning). The CLI implements it with
/// TorchSharp and ONNX Runtime; tests with small fakes. Pruning itself stays graph-only.
/// </summary>
public interface IPruningHost
{
    /// <summary>Data-driven importance of every unit of each prunable group (group id -> scores), or null when there are no data.</summary>
    IReadOnlyDictionary<int, double[]>? UnitScores(ModelGraph graph, IReadOnlyList<ChannelGroup> groups);
    /// <summary>
    /// How much worse the candidate is than the reference on the host's fixed batches: the increase of
    /// the task (or distillation) loss. The adaptive schedule's measure of a layer's importance.
    /// </summary>
    double Damage(ModelGraph reference, ModelGraph candidate);
    /// <summary>Fine-tunes the graph's weights for `steps` steps (0: returns it unchanged); shapes stay.</summary>
    ModelGraph FineTune(ModelGraph graph, int steps, string phase);
    void Log(string message);
}
