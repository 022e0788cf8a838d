namespace EdgeToolkit.Graph.Ops.Control;

/// <summary>
/// Shape inference only visits the top-level graph, so a control-flow node checks up front that
/// every op inside its subgraphs (recursively) is known, and the error names the subgraph.
/// </summary>
internal static class SubgraphSupport
{
    public static string? Check(ModelGraph graph, string role)
    {
        foreach (var n in graph.Nodes)
        {
            if (OperatorRegistry.Find(n.OpType, n.Domain) == null)
                return $"{role} uses operator {(n.Domain.Length > 0 ? n.Domain + "." : "")}{n.OpType} (node '{n.Name}'), which is not supported";
            foreach (var a in n.Attributes.Values)
                foreach (var g in a.G != null ? new[] { a.G } : a.Graphs ?? Array.Empty<ModelGraph>())
                    if (Check(g, $"{role} > {n.OpType} '{n.Name}'") is { } why) return why;
        }
        return null;
    }
}
