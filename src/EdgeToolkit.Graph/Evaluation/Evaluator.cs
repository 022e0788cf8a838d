using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Graph.Evaluation;

/// <summary>
/// The reference evaluator: runs a graph in C#, one operator at a time, in the order of Nodes.
/// Slow and simple on purpose: it is the oracle the generated C is checked against (besides ONNX Runtime).
/// </summary>
public static class Evaluator
{
    /// <summary>Runs the graph and returns its outputs by name.</summary>
    public static Dictionary<string, Tensor> Run(ModelGraph graph, IReadOnlyDictionary<string, Tensor> inputs) =>
        Run(graph, inputs, keepAll: false);

    /// <summary>Runs the graph; with keepAll every intermediate value is returned too (for per-tensor reports).</summary>
    public static Dictionary<string, Tensor> Run(ModelGraph graph, IReadOnlyDictionary<string, Tensor> inputs, bool keepAll,
        IReadOnlyDictionary<string, Tensor>? outerScope = null)
    {
        var env = new Dictionary<string, Tensor>();
        if (outerScope != null) foreach (var kv in outerScope) env[kv.Key] = kv.Value;
        foreach (var kv in graph.Initializers) env[kv.Key] = kv.Value;
        foreach (var i in graph.Inputs)
        {
            if (inputs.TryGetValue(i.Name, out var t)) env[i.Name] = t;
            else if (!env.ContainsKey(i.Name))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"no value given for graph input '{i.Name}'", graph.SourcePath);
        }
        foreach (var node in graph.Nodes)
        {
            var result = RunNode(graph, node, env);
            for (int k = 0; k < node.Outputs.Count; k++)
                if (node.Outputs[k].Length > 0 && result[k] != null) env[node.Outputs[k]] = result[k]!;
        }
        if (keepAll) return env;
        var outs = new Dictionary<string, Tensor>();
        foreach (var o in graph.Outputs)
            outs[o.Name] = env.TryGetValue(o.Name, out var t) ? t
                : throw new EdgeToolkitException(ErrorKind.BadInput, $"graph output '{o.Name}' was never computed", graph.SourcePath);
        return outs;
    }

    /// <summary>Evaluates one node (and its fused post-ops) against an environment of named values.</summary>
    public static Tensor?[] RunNode(ModelGraph graph, Node node, IReadOnlyDictionary<string, Tensor> env)
    {
        var op = OperatorRegistry.Get(node, graph.SourcePath);
        var ins = node.Inputs.Select(n => n.Length == 0 ? null : env.TryGetValue(n, out var t) ? t
            : throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{n}' is not available", graph.SourcePath, node.Name, node.OpType)).ToArray();
        var ctx = new EvalContext(node, graph.Opset, ins)
        {
            RunSubgraph = sub =>
            {
                var all = Run(sub, new Dictionary<string, Tensor>(), keepAll: true, outerScope: env);
                return sub.Outputs.Select(o => all[o.Name]).ToList();
            },
        };
        Evaluate(op, ctx, graph.SourcePath);
        var outs = ctx.Outputs;
        foreach (var f in node.Fused)
        {
            var fop = OperatorRegistry.Get(f, graph.SourcePath);
            var fin = new Tensor?[f.Inputs.Count];
            fin[0] = outs[0];
            for (int k = 1; k < f.Inputs.Count; k++) fin[k] = f.Inputs[k].Length == 0 ? null : env[f.Inputs[k]];
            var fctx = new EvalContext(f, graph.Opset, fin);
            Evaluate(fop, fctx, graph.SourcePath);
            outs[0] = fctx.Outputs[0];
        }
        return outs;
    }

    private static void Evaluate(IOperator op, EvalContext ctx, string? file)
    {
        try { op.Evaluate(ctx); }
        catch (EdgeToolkitException e) when (file != null) { throw e.WithFile(file); }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or InvalidCastException or OverflowException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"evaluation failed: {e.Message}", file, ctx.Node.Name, ctx.Node.OpType, inner: e);
        }
    }
}
