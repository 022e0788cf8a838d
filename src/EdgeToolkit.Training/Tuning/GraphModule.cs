using EdgeToolkit.Graph;
using EdgeToolkit.Training.Tuning.TorchOps;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

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
///
/// The rules live in Tuning/TorchOps (one file per op family); the graph is compiled once into
/// value slots and kernels, so a run allocates little beyond the torch ops and never copies the
/// weights. Parameters keep the graph's initializer names (torch module names, which cannot hold
/// '.', are derived from them). Not thread-safe: the kernels reuse their argument arrays.
/// </summary>
public sealed class GraphModule : nn.Module
{
    private readonly TorchProgram _program;
    /// <summary>Per slot: the parameter or constant of an initializer, null for computed values.</summary>
    private readonly Tensor?[] _initializerValues;
    private readonly Dictionary<string, Parameter> _trainable = new();
    private readonly List<string> _parameterNames = new();
    private readonly (string Name, int Slot, ScalarType Type, int Rank)[] _inputs;
    private readonly (string Name, int Slot)[] _outputs;

    public GraphModule(ModelGraph graph) : base("graph_module")
    {
        Graph = graph;
        _program = TorchProgram.Compile(graph);
        _initializerValues = new Tensor?[_program.SlotNames.Length];
        var torchNames = new HashSet<string>();
        foreach (var (name, value) in graph.Initializers)
        {
            if (TorchTypes.Of(value.Type) == null) continue; // strings and the like: no rule reads them
            // Module-owned tensors must outlive any dispose scope the caller happens to be in.
            var t = TorchTypes.ToTorch(value).DetachFromDisposeScope();
            if (value.Type == DataType.Float32 && value.Length > 1 && !_program.FrozenInitializers.Contains(name))
            {
                var p = nn.Parameter(t);
                p.DetachFromDisposeScope();
                register_parameter(TorchName(name, torchNames), p);
                _trainable[name] = p;
                _parameterNames.Add(name);
                t = p;
            }
            else register_buffer(TorchName(name, torchNames), t, persistent: false);
            _initializerValues[_program.SlotOf[name]] = t;
        }
        _inputs = graph.Inputs.Select(i => (i.Name, _program.SlotOf[i.Name],
            TorchTypes.Of(i.Type) ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"graph input '{i.Name}' is {i.Type.OnnxName()}, which torch does not hold",
                graph.SourcePath) { Unsupported = true },
            i.Shape.HasRank ? i.Shape.Rank : -1)).ToArray();
        _outputs = graph.Outputs.Select(o => (o.Name, _program.SlotOf.TryGetValue(o.Name, out var s) ? s
            : throw new EdgeToolkitException(ErrorKind.BadInput, $"graph output '{o.Name}' is produced by no node, input or initializer", graph.SourcePath))).ToArray();
    }

    /// <summary>The graph as given (not copied: WriteBack targets a graph of the same shapes).</summary>
    public ModelGraph Graph { get; }

    /// <summary>Initializer names that are trainable parameters: float32, more than one element, not a shape or index constant.</summary>
    public IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <summary>The trainable parameter of an initializer (a name in ParameterNames).</summary>
    public Parameter ParameterOf(string initializer) => _trainable.TryGetValue(initializer, out var p) ? p
        : throw new KeyNotFoundException($"initializer '{initializer}' is not a trainable parameter of this module");

    /// <summary>
    /// Values (graph value names) whose torch tensors Run records in Captured, every call, in call
    /// order, with retain_grad() set so that their gradients are readable after backward.
    /// </summary>
    public HashSet<string> Probes { get; } = new();
    public Dictionary<string, List<Tensor>> Captured { get; } = new();

    /// <summary>True for values of the graph (inputs, initializers, node outputs).</summary>
    internal bool HasValue(string value) => _program.SlotOf.ContainsKey(value);

    /// <summary>True when Run gives the value a leading batch dim (it depends on a graph input).</summary>
    internal bool IsBatched(string value) => _program.SlotOf.TryGetValue(value, out var slot) && _program.SlotBatched[slot];

    /// <summary>Runs the graph on batched inputs (keyed by graph input name); returns the graph outputs, batched.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        var values = (Tensor?[])_initializerValues.Clone();
        long batch = -1;
        foreach (var (name, slot, type, rank) in _inputs)
        {
            var t = inputs.TryGetValue(name, out var given) ? given
                : throw new EdgeToolkitException(ErrorKind.BadInput, $"no value given for graph input '{name}'", Graph.SourcePath);
            if (rank >= 0 && t.dim() != rank + 1)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"graph input '{name}' has rank {rank}, so its batch must have rank {rank + 1}; got [{string.Join("x", t.shape)}]",
                    Graph.SourcePath, hint: "put the batch dim in front of the graph input's own shape");
            if (batch >= 0 && t.size(0) != batch)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"graph input '{name}' has a batch of {t.size(0)}, the others {batch}", Graph.SourcePath);
            batch = t.size(0);
            values[slot] = t.dtype == type ? t : t.to_type(type);
            Capture(name, values[slot]!);
        }
        foreach (var step in _program.Steps)
        {
            var y = step.Run(values);
            values[step.OutputSlot] = y;
            Capture(step.OutputName, y);
        }
        var outputs = new Dictionary<string, Tensor>(_outputs.Length);
        foreach (var (name, slot) in _outputs)
        {
            var v = values[slot] ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"graph output '{name}' was never computed", Graph.SourcePath);
            outputs[name] = _program.SlotBatched[slot] || batch < 0 ? v : Batched.Expand(v, batch);
        }
        return outputs;
    }

    private void Capture(string name, Tensor t)
    {
        if (Probes.Count == 0 || !Probes.Contains(name)) return;
        if (t.requires_grad && !t.is_leaf) t.retain_grad();
        if (!Captured.TryGetValue(name, out var list)) Captured[name] = list = new List<Tensor>();
        list.Add(t);
    }

    /// <summary>Copies the current parameter values into target's initializers of the same names (float32, same shapes).</summary>
    public void WriteBack(ModelGraph target)
    {
        // Check every name first, so that a mismatch leaves the target untouched.
        foreach (var (name, p) in _trainable)
        {
            if (!target.Initializers.TryGetValue(name, out var old))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"the target graph has no initializer '{name}' to write the tuned weights into",
                    target.SourcePath, hint: "write back into the graph the module was built from, or one with the same initializers");
            var shape = p.shape.Select(d => (int)d).ToArray();
            if (old.Type != DataType.Float32 || !old.Shape.SequenceEqual(shape))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"initializer '{name}' is {old}, but the tuned weights are float[{string.Join("x", shape)}]",
                    target.SourcePath, hint: "write back into a graph with the same shapes as the module's");
        }
        // New tensors rather than writes into the old ones: graph clones share initializer tensors.
        foreach (var (name, p) in _trainable) target.Initializers[name] = TorchTypes.FloatsOf(p);
    }

    /// <summary>Null when every node has a torch rule; else the reason, naming the first node and op that has none.</summary>
    public static string? Unsupported(ModelGraph graph)
    {
        try
        {
            TorchProgram.Compile(graph);
            return null;
        }
        catch (EdgeToolkitException e) when (e.Unsupported)
        {
            return e.Message;
        }
    }

    /// <summary>A torch module name for an initializer: '.' and other symbols become '_', made unique.</summary>
    private static string TorchName(string initializer, HashSet<string> taken)
    {
        var baseName = new string(initializer.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (baseName.Length == 0 || char.IsDigit(baseName[0])) baseName = "_" + baseName;
        var name = baseName;
        for (int k = 2; !taken.Add(name); k++) name = $"{baseName}_{k}";
        return name;
    }
}
