using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Import;

/// <summary>
/// Graph -> TorchSharp: an nn.Sequential with the graph's weights copied in, so that an imported
/// model can be fine-tuned (pruning does). The graph must be a chain: one input, one output,
/// each node fed by the previous one (plus constant weights).
/// </summary>
public static class TorchImporter
{
    private static readonly Lazy<IReadOnlyList<ILayerImporter>> Importers = new(() =>
        typeof(TorchImporter).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(ILayerImporter).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ILayerImporter)Activator.CreateInstance(t)!).ToList());

    public static nn.Module<Tensor, Tensor> Import(ModelGraph source)
    {
        var graph = source.Clone();
        ShapeInference.Run(graph);
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the importer takes one input and one output; the graph has {graph.Inputs.Count} and {graph.Outputs.Count}",
                file: graph.SourcePath) { Unsupported = true };
        var chain = Chain(graph);
        var cursor = new ImportCursor(graph, chain);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var names = new HashSet<string>();
        using (no_grad())
        {
            for (; !cursor.Done; cursor.Advance())
            {
                var node = cursor.Current;
                var importer = Importers.Value.FirstOrDefault(i => i.Handles(node.OpType))
                    ?? throw ImportCursor.Unsupported(node, $"no TorchSharp layer for op {node.OpType}");
                layers.Add((UniqueName(node.Name, names), importer.Import(cursor)));
            }
        }
        return nn.Sequential(layers);
    }

    /// <summary>The nodes in order, checking that each one consumes the previous one's output.</summary>
    private static List<Node> Chain(ModelGraph graph)
    {
        var current = graph.Inputs[0].Name;
        foreach (var node in graph.Nodes)
        {
            var dataInputs = node.Inputs.Where(i => i.Length > 0 && !graph.IsInitializer(i)).ToList();
            if (dataInputs.Count != 1 || dataInputs[0] != current)
                throw ImportCursor.Unsupported(node, $"the graph is not a chain here (the node reads {string.Join(", ", dataInputs)}, the previous layer gives {current})");
            if (node.Outputs.Count(o => o.Length > 0) != 1 && node.OpType is not ("Dropout" or "BatchNormalization"))
                throw ImportCursor.Unsupported(node, "the node has more than one output");
            current = node.Outputs[0];
        }
        if (current != graph.Outputs[0].Name)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the chain ends in '{current}', not in the graph output '{graph.Outputs[0].Name}'", file: graph.SourcePath) { Unsupported = true };
        return graph.Nodes.ToList();
    }

    /// <summary>Module names may not contain dots; they must be unique.</summary>
    private static string UniqueName(string nodeName, HashSet<string> used)
    {
        var baseName = new string(nodeName.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        if (baseName.Length == 0) baseName = "layer";
        var name = baseName;
        for (int i = 2; !used.Add(name); i++) name = $"{baseName}_{i}";
        return name;
    }

    /// <summary>Copies a graph tensor into a TorchSharp parameter or buffer of the same element count.</summary>
    internal static void CopyInto(Tensor target, EdgeToolkit.Graph.Tensor source)
    {
        using var t = torch.tensor(source.ToFloatArray(), target.shape);
        target.copy_(t);
    }
}
