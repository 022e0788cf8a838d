using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Replaces nodes whose inputs are all constants by the initializers they compute, and Shape/Size
/// of values whose shape is known by their constant result. Runs shape inference between sweeps
/// until nothing more folds, so that shape plumbing (Shape -> Gather -> Unsqueeze -> Concat ->
/// Reshape) folds completely once the input shapes are pinned.
/// </summary>
public sealed class ConstantFoldingPass : GraphPass
{
    private static readonly HashSet<string> Nondeterministic = new()
    {
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
    };

    /// <summary>Results larger than this stay computed at run time: folding them would bloat the weights.</summary>
    public long MaxElements { get; init; } = 1 << 20;

    public override string Name => "constant-folding";

    protected override bool Apply(ModelGraph graph)
    {
        int folded = 0, shapes = 0;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            // Folding uses whatever shapes are known; what stays unknown is reported by the pipeline's strict inference.
            LenientShapeInference.Run(graph);
            var (f, s) = Sweep(graph);
            if (f + s == 0) break;
            folded += f; shapes += s;
        }
        if (folded > 0) Report($"folded {folded} nodes");
        if (shapes > 0) Report($"folded {shapes} Shape/Size nodes of known shapes");
        return folded + shapes > 0;
    }

    /// <summary>One pass over the nodes in order; constants made early in the sweep feed later nodes.</summary>
    private (int Folded, int Shapes) Sweep(ModelGraph graph)
    {
        int folded = 0, shapes = 0;
        foreach (var node in graph.Nodes.ToList())
        {
            if (node.Outputs.Any(o => GraphQueries.IsGraphOutput(graph, o))) continue;
            var known = KnownShapeResult(graph, node);
            if (known != null) { Replace(graph, node, new Tensor?[] { known }); shapes++; continue; }
            if (!CanEvaluate(graph, node)) continue;
            var result = TryEvaluate(graph, node);
            if (result == null) continue;
            Replace(graph, node, result);
            folded++;
        }
        return (folded, shapes);
    }

    /// <summary>Shape or Size of a non-constant value whose (needed) dims are all known.</summary>
    private static Tensor? KnownShapeResult(ModelGraph graph, Node node)
    {
        if (node.Domain.Length > 0 || node.Fused.Count > 0 || node.Inputs.Count == 0 || graph.IsInitializer(node.Inputs[0])) return null;
        var shape = graph.TryGetInfo(node.Inputs[0])?.Shape;
        if (shape == null || !shape.HasRank) return null;
        if (node.OpType == "Size") return shape.IsConcrete ? Tensor.Scalar(shape.ElementCount!.Value) : null;
        if (node.OpType != "Shape") return null;
        int rank = shape.Rank;
        int Clamp(long v) => (int)Math.Clamp(v < 0 ? v + rank : v, 0, rank);
        int start = Clamp(node.GetInt("start", 0)), end = Clamp(node.GetInt("end", rank));
        var dims = shape.Dims!.Skip(start).Take(Math.Max(0, end - start)).ToArray();
        return dims.All(d => d.IsKnown) ? Tensor.Vector(dims.Select(d => d.Value).ToArray()) : null;
    }

    private bool CanEvaluate(ModelGraph graph, Node node)
    {
        if (Nondeterministic.Contains(node.OpType) || OperatorRegistry.Find(node.OpType, node.Domain) == null) return false;
        if (!GraphQueries.Reads(node).All(graph.IsInitializer)) return false;
        // Skip before computing when inference already says the result is too big.
        return node.Outputs.All(o => o.Length == 0 || !graph.ValueInfos.TryGetValue(o, out var v) || (v.Shape.ElementCount ?? 0) <= MaxElements);
    }

    private Tensor?[]? TryEvaluate(ModelGraph graph, Node node)
    {
        Tensor?[] result;
        // Folding is an optimisation: a node that fails here stays, and evaluating or compiling
        // the graph reports the failure in its own context.
        try { result = Evaluator.RunNode(graph, node, graph.Initializers); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
        for (int k = 0; k < node.Outputs.Count; k++)
        {
            if (node.Outputs[k].Length == 0) continue;
            if (k >= result.Length || result[k] == null || result[k]!.Length > MaxElements) return null;
        }
        return result;
    }

    private static void Replace(ModelGraph graph, Node node, Tensor?[] values)
    {
        for (int k = 0; k < node.Outputs.Count; k++)
        {
            var name = node.Outputs[k];
            if (name.Length == 0) continue;
            graph.Initializers[name] = values[k]!;
            graph.ValueInfos.Remove(name);
        }
        graph.Nodes.Remove(node);
    }
}
