namespace EdgeToolkit.Graph.Ops;

/// <summary>Infers the type and shape of every value in a graph, node by node, in order.</summary>
public static class ShapeInference
{
    /// <summary>
    /// Fills graph.ValueInfos for every node output (and checks every node is supported first, so
    /// that the first error names the unsupported node). Known output infos from the file are kept
    /// where inference can say less (unknown rank).
    /// </summary>
    public static void Run(ModelGraph graph, IReadOnlyDictionary<string, Tensor>? constants = null)
    {
        foreach (var n in graph.Nodes) OperatorRegistry.Get(n, graph.SourcePath);
        foreach (var node in graph.Nodes)
        {
            var op = OperatorRegistry.Get(node, graph.SourcePath);
            var ctx = new ShapeContext(node, graph.Opset, graph.TryGetInfo,
                name => graph.Initializers.TryGetValue(name, out var t) ? t : constants != null && constants.TryGetValue(name, out var c) ? c : null,
                graph.SourcePath);
            string? why;
            try { why = op.CheckSupported(ctx); }
            catch (Exception e) when (e is not EdgeToolkitException) { throw Failed(graph, node, e); }
            if (why != null)
                throw new EdgeToolkitException(ErrorKind.BadInput, why, graph.SourcePath, node.Name, node.OpType,
                    "see docs/operators.md; re-export the model with a supported form of this operator") { Unsupported = true };
            try { op.InferShapes(ctx); }
            catch (Exception e) when (e is not EdgeToolkitException) { throw Failed(graph, node, e); }
            var outputs = ctx.Outputs;
            for (int i = 0; i < node.Outputs.Count; i++)
            {
                var name = node.Outputs[i];
                if (name.Length == 0) continue;
                var inferred = outputs[i];
                if (inferred == null) throw ctx.Error($"shape inference gave no type for output '{name}'");
                try { foreach (var f in node.Fused) inferred = InferFused(graph, f, inferred); }
                catch (Exception e) when (e is not EdgeToolkitException) { throw Failed(graph, node, e); }
                if (!inferred.Shape.HasRank && graph.ValueInfos.TryGetValue(name, out var declared) && declared.Shape.HasRank)
                    inferred = inferred with { Shape = declared.Shape };
                graph.ValueInfos[name] = inferred;
            }
        }
        // Graph outputs take the inferred info (the file's declaration may have been symbolic).
        for (int i = 0; i < graph.Outputs.Count; i++)
            if (graph.ValueInfos.TryGetValue(graph.Outputs[i].Name, out var v) && v.Shape.HasRank)
                graph.Outputs[i] = v;
    }

    private static EdgeToolkitException Failed(ModelGraph graph, Node node, Exception e) =>
        new(ErrorKind.BadInput, $"shape inference failed: {e.Message}", graph.SourcePath, node.Name, node.OpType,
            "check the input shapes; pin symbolic dims with --shape", e);

    /// <summary>Infers a post-op fused into a producer: its first input is the producer's result.</summary>
    private static ValueInfo InferFused(ModelGraph graph, Node fused, ValueInfo input)
    {
        var op = OperatorRegistry.Get(fused, graph.SourcePath);
        var ctx = new ShapeContext(fused, graph.Opset,
            name => name == fused.Inputs[0] ? input with { Name = name } : graph.TryGetInfo(name),
            name => graph.Initializers.TryGetValue(name, out var t) ? t : null, graph.SourcePath);
        op.InferShapes(ctx);
        return ctx.Outputs[0]! with { Name = input.Name };
    }
}
