using EdgeToolkit.Graph;
using TorchSharp;

namespace EdgeToolkit.Training.Tuning;

/// <summary>
/// Graph -> TorchSharp, for any graph whose ops have a torch rule: the graph's float weights
/// become trainable parameters and Run evaluates the nodes in order with torch ops, so that a
/// pruned model (or an imported ONNX model) can be fine-tuned or distilled and its weights
/// written back into the same graph.
///
/// Batched like jax.vmap: every input carries one extra leading batch dimension B in front of
/// the graph input's own shape, and every output comes back with it; the result equals running
/// the graph B times. Constants (initializers) are not batched; axis attributes of ops on batched
/// values shift by one. This is what lets a batch-1 export (an MLP with input [1, 7], a decoder
/// step with token [1]) train on batches.
/// </summary>
public sealed class GraphModule : torch.nn.Module
{
    public GraphModule(ModelGraph graph) : base("graph_module") => throw new NotImplementedException();

    /// <summary>The graph as given (not copied: WriteBack targets a graph of the same shapes).</summary>
    public ModelGraph Graph => throw new NotImplementedException();

    /// <summary>Initializer names that are trainable parameters: float32, more than one element, not a shape or index constant.</summary>
    public IReadOnlyList<string> ParameterNames => throw new NotImplementedException();

    /// <summary>
    /// Values (graph value names) whose torch tensors Run records in Captured, every call, in call
    /// order, with retain_grad() set so that their gradients are readable after backward.
    /// </summary>
    public HashSet<string> Probes { get; } = new();
    public Dictionary<string, List<torch.Tensor>> Captured { get; } = new();

    /// <summary>Runs the graph on batched inputs (keyed by graph input name); returns the graph outputs, batched.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Run(IReadOnlyDictionary<string, torch.Tensor> inputs) => throw new NotImplementedException();

    /// <summary>Copies the current parameter values into target's initializers of the same names (float32, same shapes).</summary>
    public void WriteBack(ModelGraph target) => throw new NotImplementedException();

    /// <summary>Null when every node has a torch rule; else the reason, naming the first node and op that has none.</summary>
    public static string? Unsupported(ModelGraph graph) => throw new NotImplementedException();
}
