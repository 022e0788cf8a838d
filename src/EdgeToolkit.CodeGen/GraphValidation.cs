using EdgeToolkit.CodeGen.Emitters;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen;

/// <summary>Checks, before anything is written, that the generator can handle a graph: concrete shapes and an emitter for every node.</summary>
internal static class GraphValidation
{
    public static void RequireConcreteShapes(ModelGraph g)
    {
        var consumers = g.Consumers();
        foreach (var input in g.Inputs)
            if (!input.Shape.IsConcrete)
            {
                var user = consumers.GetValueOrDefault(input.Name)?.FirstOrDefault();
                throw Symbolic(g, input, user, input.Name);
            }
        foreach (var n in g.Nodes)
            foreach (var v in n.Inputs.Concat(n.Outputs).Where(v => v.Length > 0))
            {
                var info = g.TryGetInfo(v) ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{v}' has no known type or shape",
                    g.SourcePath, n.Name, n.OpType, "run shape inference first, or pin the input shapes with --shape NAME=1x...");
                if (!info.Shape.IsConcrete) throw Symbolic(g, info, n, g.Inputs.FirstOrDefault(i => !i.Shape.IsConcrete)?.Name ?? "NAME");
            }
        foreach (var o in g.Outputs)
            if (g.TryGetInfo(o.Name) is not { Shape.IsConcrete: true })
                throw new EdgeToolkitException(ErrorKind.BadInput, $"graph output '{o.Name}' has no concrete shape", g.SourcePath,
                    hint: "pin the input shapes with --shape NAME=1x...");
    }

    private static EdgeToolkitException Symbolic(ModelGraph g, ValueInfo v, Node? node, string pinName)
    {
        var pinned = g.Inputs.FirstOrDefault(i => i.Name == pinName);
        var example = pinned?.Shape.Dims is { } dims ? string.Join("x", dims.Select(d => d.IsKnown ? d.Value.ToString() : "1")) : "1x...";
        return new EdgeToolkitException(ErrorKind.BadInput,
            $"value '{v.Name}' has shape {v.Shape}, which is not concrete; generated C needs every size fixed",
            g.SourcePath, node?.Name, node?.OpType, $"pin it with --shape {pinName}={example}");
    }

    public static IKernelEmitter EmitterFor(ModelGraph g, Node n) =>
        EmitterRegistry.Find(n.OpType, n.Domain) ?? throw new EdgeToolkitException(ErrorKind.BadInput,
            $"operator {(n.Domain.Length > 0 ? n.Domain + "." : "")}{n.OpType} has no C emitter", g.SourcePath, n.Name, n.OpType,
            $"the C generator supports: {string.Join(", ", EmitterRegistry.SupportedOps)}") { Unsupported = true };

    public static void RequireSupported(ModelGraph g, Node n, IKernelEmitter e, KernelContext probe)
    {
        var why = e.CheckSupported(probe);
        if (why != null)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot generate C: {why}", g.SourcePath, n.Name, n.OpType,
                "replace or remove this node, or run the model with ONNX Runtime instead") { Unsupported = true };
    }
}
