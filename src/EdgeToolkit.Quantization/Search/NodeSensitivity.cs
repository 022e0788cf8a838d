using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Report;

namespace EdgeToolkit.Quantization.Search;

/// <param name="SqnrDb">SQNR of the model's outputs with only this node quantized; null when they were exact.</param>
public sealed record NodeSensitivityResult(string Node, string Op, double? SqnrDb);

/// <summary>
/// One node at a time: for each quantizable node, the model with only that node (and the
/// pass-through nodes next to it) in int8 runs in ONNX Runtime on the report samples, and the
/// SQNR of all its outputs against the float model's says how much that node alone costs. Unlike
/// the per-layer SQNR, which accumulates every upstream error, this isolates each node's share.
/// </summary>
public static class NodeSensitivity
{
    /// <returns>Most sensitive (lowest output SQNR) first.</returns>
    public static IReadOnlyList<NodeSensitivityResult> Rank(StaticQuantizer quantizer, IReadOnlySet<string> alwaysExcluded,
        IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples, Action<string>? progress = null)
    {
        var candidates = quantizer.Plan(alwaysExcluded).Candidates;
        var ops = quantizer.FloatGraph.Nodes.ToDictionary(n => n.Name, n => n.OpType);
        List<Dictionary<string, Tensor>> reference;
        using (var session = new OrtSession(quantizer.FloatGraph)) reference = samples.Select(s => session.Run(s)).ToList();

        var results = new List<NodeSensitivityResult>();
        foreach (var node in candidates)
        {
            var exclude = candidates.Where(c => c != node).Concat(alwaysExcluded).ToHashSet();
            var model = quantizer.Build(exclude);
            var stats = new ErrorStatistics();
            using (var session = new OrtSession(model.Graph))
                for (int i = 0; i < samples.Count; i++)
                {
                    var outputs = session.Run(samples[i]);
                    foreach (var (name, r) in reference[i])
                        if (r.Type == DataType.Float32) stats.Add(r.Floats, outputs[name].ToFloatArray());
                }
            results.Add(new NodeSensitivityResult(node, ops[node], stats.SqnrDb));
            progress?.Invoke($"sensitivity: {results.Count}/{candidates.Count} nodes ({node}: {Describe(stats.SqnrDb)})");
        }
        return results.OrderBy(r => r.SqnrDb ?? double.PositiveInfinity).ThenBy(r => r.Node, StringComparer.Ordinal).ToList();
    }

    public static string Describe(double? sqnr) => sqnr is double d ? FormattableString.Invariant($"{d:0.0} dB output SQNR") : "exact";
}
