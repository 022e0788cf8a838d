using EdgeToolkit.Graph;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// A graph compiled once for torch: every value has a slot in an array (so a run looks nothing up
/// by name), every node its kernel, and every slot whether it is batched: graph inputs are, and
/// so is any node output with a batched input.
/// </summary>
internal sealed class TorchProgram
{
    private TorchProgram(string[] slotNames, bool[] batched, TorchStep[] steps, HashSet<string> frozen)
    {
        SlotNames = slotNames;
        SlotBatched = batched;
        Steps = steps;
        FrozenInitializers = frozen;
        SlotOf = new Dictionary<string, int>(slotNames.Length);
        for (int i = 0; i < slotNames.Length; i++) SlotOf[slotNames[i]] = i;
    }

    public string[] SlotNames { get; }
    public bool[] SlotBatched { get; }
    public Dictionary<string, int> SlotOf { get; }
    public TorchStep[] Steps { get; }
    /// <summary>Float initializers that some rule reads as fixed statistics (never trained).</summary>
    public HashSet<string> FrozenInitializers { get; }

    /// <summary>Throws an EdgeToolkitException (Unsupported set) naming the first node without a usable rule.</summary>
    public static TorchProgram Compile(ModelGraph graph)
    {
        var names = new List<string>();
        var batched = new List<bool>();
        var slots = new Dictionary<string, int>();
        int Add(string name, bool isBatched)
        {
            slots[name] = names.Count;
            names.Add(name);
            batched.Add(isBatched);
            return names.Count - 1;
        }
        foreach (var name in graph.Initializers.Keys) Add(name, false);
        foreach (var input in graph.Inputs) Add(input.Name, true);

        var consumed = graph.Consumers().Keys.Concat(graph.Outputs.Select(o => o.Name)).ToHashSet();
        var frozen = new HashSet<string>();
        var steps = new List<TorchStep>();
        foreach (var node in graph.Nodes)
        {
            var stages = new List<TorchStage>();
            bool outputBatched = false;
            foreach (var part in node.Fused.Prepend(node))
            {
                bool fused = part != node;
                var inputSlots = part.Inputs.Select((name, i) =>
                    fused && i == 0 ? TorchStage.Previous
                    : name.Length == 0 ? TorchStage.Omitted
                    : slots.TryGetValue(name, out var s) ? s
                    : throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{name}' is not computed before this node", graph.SourcePath, part.Name, part.OpType,
                        "the graph is not in topological order or is malformed")).ToArray();
                var inputBatched = inputSlots.Select(s => s == TorchStage.Previous ? outputBatched : s >= 0 && batched[s]).ToArray();
                var rule = TorchOpRegistry.Find(part.OpType, part.Domain) ?? throw NoRule(graph, part);
                foreach (var (name, i) in part.Inputs.Select((n, i) => (n, i)))
                    if (rule.IsFrozenInput(i) && graph.Initializers.ContainsKey(name)) frozen.Add(name);
                var kernel = rule.Compile(new TorchNode(part, graph.Opset, inputBatched, n => graph.Initializers.GetValueOrDefault(n), graph.SourcePath));
                stages.Add(new TorchStage(kernel, inputSlots));
                outputBatched |= inputBatched.Any(b => b);
            }
            for (int k = 1; k < node.Outputs.Count; k++)
                if (node.Outputs[k].Length > 0 && consumed.Contains(node.Outputs[k]))
                    throw new EdgeToolkitException(ErrorKind.BadInput, $"output {k} ('{node.Outputs[k]}') is used, but the torch rules compute only the first output",
                        graph.SourcePath, node.Name, node.OpType) { Unsupported = true };
            steps.Add(new TorchStep(node.Outputs[0], Add(node.Outputs[0], outputBatched), stages.ToArray()));
        }
        return new TorchProgram(names.ToArray(), batched.ToArray(), steps.ToArray(), frozen);
    }

    private static EdgeToolkitException NoRule(ModelGraph graph, Node node) =>
        new(ErrorKind.BadInput, $"op {(node.Domain.Length > 0 ? node.Domain + "." : "")}{node.OpType} has no torch rule, so the graph cannot be fine-tuned",
            graph.SourcePath, node.Name, node.OpType,
            $"fine-tuning supports {string.Join(", ", TorchOpRegistry.SupportedOps)}") { Unsupported = true };
}

/// <summary>One node: its kernel, then the kernels of the nodes fused into it, each applied to the previous result.</summary>
internal sealed class TorchStep(string outputName, int outputSlot, TorchStage[] stages)
{
    public string OutputName => outputName;
    public int OutputSlot => outputSlot;

    public Tensor Run(Tensor?[] values)
    {
        Tensor? previous = null;
        foreach (var stage in stages) previous = stage.Run(values, previous);
        return previous!;
    }
}

/// <summary>A kernel with the slots of its inputs and an argument array reused by every call.</summary>
internal sealed class TorchStage(TorchKernel kernel, int[] inputSlots)
{
    public const int Omitted = -1, Previous = -2;
    private readonly Tensor?[] _arguments = new Tensor?[inputSlots.Length];

    public Tensor Run(Tensor?[] values, Tensor? previous)
    {
        for (int i = 0; i < inputSlots.Length; i++)
            _arguments[i] = inputSlots[i] switch { Previous => previous, Omitted => null, var s => values[s] };
        return kernel(_arguments);
    }
}
