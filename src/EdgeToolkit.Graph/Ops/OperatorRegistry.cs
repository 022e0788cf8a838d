using System.Reflection;

namespace EdgeToolkit.Graph.Ops;

/// <summary>Operators registered by (domain, op type), in the manner of TFLite Micro's op resolver.</summary>
public static class OperatorRegistry
{
    private static readonly Lazy<Dictionary<(string, string), IOperator>> All = new(Discover);

    public static IOperator? Find(string opType, string domain = "") =>
        All.Value.TryGetValue((NormalizeDomain(domain), opType), out var op) ? op : null;

    public static IOperator Get(Node node, string? file = null) =>
        Find(node.OpType, node.Domain) ?? throw new EdgeToolkitException(ErrorKind.BadInput,
            $"operator {(node.Domain.Length > 0 ? node.Domain + "." : "")}{node.OpType} is not supported", file, node.Name, node.OpType,
            "see docs/operators.md for the supported operators; replace or remove this node before compiling") { Unsupported = true };

    public static IEnumerable<string> SupportedOps => All.Value.Keys.Select(k => k.Item1.Length > 0 ? $"{k.Item1}.{k.Item2}" : k.Item2).OrderBy(s => s);

    private static string NormalizeDomain(string d) => d == "ai.onnx" ? "" : d;

    private static Dictionary<(string, string), IOperator> Discover()
    {
        var d = new Dictionary<(string, string), IOperator>();
        foreach (var t in typeof(OperatorRegistry).Assembly.GetTypes())
        {
            // Public top-level types only: nested helpers and classes a provider returns are not operators of their own.
            if (t.IsAbstract || t.IsInterface || !t.IsPublic || t.GetConstructor(Type.EmptyTypes) == null) continue;
            IEnumerable<IOperator> ops;
            if (typeof(IOperatorProvider).IsAssignableFrom(t)) ops = ((IOperatorProvider)Activator.CreateInstance(t)!).Operators();
            else if (typeof(IOperator).IsAssignableFrom(t)) ops = new[] { (IOperator)Activator.CreateInstance(t)! };
            else continue;
            foreach (var op in ops)
                if (!d.TryAdd((NormalizeDomain(op.Domain), op.OpType), op))
                    throw new InvalidOperationException($"operator {op.OpType} registered twice ({t.Name})");
        }
        return d;
    }
}
