using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Shape inference that steps over nodes it cannot infer (an unsupported op, an If whose branch
/// types are undeclared) instead of stopping, so that folding can still use every shape that
/// does not depend on them. ShapeInference.Run stops at the first such node (and checks every
/// op before inferring any), which would leave a whole graph unknown because of one late node.
/// Same rules as ShapeInference.Run otherwise: declared infos survive where inference knows less.
/// </summary>
public static class LenientShapeInference
{
    /// <summary>Infers what it can; returns one line per node it had to skip.</summary>
    public static List<string> Run(ModelGraph graph)
    {
        var skipped = new List<string>();
        // Outputs of skipped nodes that have no type: their readers are skipped without asking the
        // operator, whose complaint would be an exception per node (seconds in a chain of thousands).
        var untyped = new HashSet<string>();
        foreach (var node in graph.Nodes)
        {
            var waitsFor = node.Inputs.FirstOrDefault(i => untyped.Contains(i) && graph.TryGetInfo(i) == null);
            var why = waitsFor != null ? $"input '{waitsFor}' comes from a node that could not be inferred" : TryInfer(graph, node);
            if (why == null) continue;
            skipped.Add($"{node.OpType} '{node.Name}': {why}");
            foreach (var o in node.Outputs) if (o.Length > 0 && graph.TryGetInfo(o) == null) untyped.Add(o);
        }
        for (int i = 0; i < graph.Outputs.Count; i++)
            if (graph.ValueInfos.TryGetValue(graph.Outputs[i].Name, out var v) && v.Shape.HasRank)
                graph.Outputs[i] = v;
        return skipped;
    }

    private static string? TryInfer(ModelGraph graph, Node node)
    {
        var op = OperatorRegistry.Find(node.OpType, node.Domain);
        if (op == null) return "operator not supported";
        var ctx = Context(graph, node, graph.TryGetInfo);
        try
        {
            var why = op.CheckSupported(ctx);
            if (why != null) return why;
            op.InferShapes(ctx);
            var results = new ValueInfo[node.Outputs.Count];
            for (int i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length == 0) continue;
                var inferred = ctx.Outputs[i];
                if (inferred == null) return $"no type for output '{node.Outputs[i]}'";
                foreach (var f in node.Fused) inferred = InferPostOp(graph, f, inferred);
                results[i] = inferred;
            }
            for (int i = 0; i < results.Length; i++)
                if (results[i] != null) Store(graph, node.Outputs[i], results[i]);
            return null;
        }
        catch (Exception e) when (e is EdgeToolkitException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or OverflowException or InvalidCastException)
        {
            return e is EdgeToolkitException ee ? ee.Problem : e.Message;
        }
    }

    private static void Store(ModelGraph graph, string name, ValueInfo inferred)
    {
        if (!inferred.Shape.HasRank && graph.ValueInfos.TryGetValue(name, out var declared) && declared.Shape.HasRank) return;
        graph.ValueInfos[name] = inferred with { Name = name };
    }

    private static ValueInfo InferPostOp(ModelGraph graph, Node post, ValueInfo input)
    {
        var op = OperatorRegistry.Find(post.OpType, post.Domain) ?? throw new InvalidOperationException($"fused {post.OpType} is not supported");
        var ctx = Context(graph, post, name => name == post.Inputs[0] ? input with { Name = name } : graph.TryGetInfo(name));
        op.InferShapes(ctx);
        return ctx.Outputs[0] ?? throw new InvalidOperationException($"fused {post.OpType} gave no type");
    }

    private static ShapeContext Context(ModelGraph graph, Node node, Func<string, ValueInfo?> info) =>
        new(node, graph.Opset, info, name => graph.Initializers.TryGetValue(name, out var t) ? t : null, graph.SourcePath);
}
