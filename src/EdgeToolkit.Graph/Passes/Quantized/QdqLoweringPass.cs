using System.Reflection;

namespace EdgeToolkit.Graph.Passes.Quantized;

/// <summary>
/// Turns a QDQ model (QuantizeLinear/DequantizeLinear around float ops, as our quantizer and
/// ONNX Runtime's write it) into the toolkit's integer ops wherever a rule matches; everything
/// else stays float between its DQ and Q (a float island), and the remaining Q/DQ nodes become
/// the conversions at its edges. Runs before constant folding, which would otherwise fold the
/// weights' DequantizeLinear back into float.
/// </summary>
public sealed class QdqLoweringPass : GraphPass
{
    private static readonly Lazy<IQdqLoweringRule[]> Rules = new(() => typeof(QdqLoweringPass).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && typeof(IQdqLoweringRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IQdqLoweringRule)Activator.CreateInstance(t)!).ToArray());

    public override string Name => "qdq-lowering";

    public static IReadOnlyList<IQdqLoweringRule> AllRules => Rules.Value;

    protected override bool Apply(ModelGraph graph)
    {
        if (!graph.Nodes.Any(n => n.OpType is "QuantizeLinear" or "DequantizeLinear" && n.Domain.Length == 0)) return false;
        var view = new QdqGraph(graph);
        int lowered = 0;
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        // Snapshot: rules replace nodes as they go; each anchor is visited once.
        foreach (var node in graph.Nodes.ToList())
        {
            if (!graph.Nodes.Contains(node) || node.Domain.Length > 0) continue;
            foreach (var rule in Rules.Value)
            {
                if (!rule.AnchorOps.Contains(node.OpType)) continue;
                var line = rule.TryLower(view, node);
                if (line == null) continue;
                lowered++;
                counts[node.OpType] = counts.GetValueOrDefault(node.OpType) + 1;
                break;
            }
        }
        if (lowered == 0) return false;
        Report($"lowered {lowered} QDQ patterns to integer ops ({string.Join(", ", counts.Select(kv => $"{kv.Value} {kv.Key}"))})");
        return true;
    }
}
