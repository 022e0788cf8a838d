using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Quantization.Qdq;

namespace EdgeToolkit.Quantization.Report;

/// <param name="Tensor">The float tensor's name.</param>
/// <param name="Node">The node computing it (for a Conv/Gemm with its Relu: the Conv/Gemm, what --exclude takes); null for a graph input.</param>
/// <param name="Op">Its op ("Conv+Relu" for a fused pair, "input" for a graph input).</param>
/// <param name="SqnrDb">null when the quantized values equal the float ones.</param>
public sealed record LayerError(string Tensor, string? Node, string Op, double? SqnrDb, double MaxAbsError, float Scale, int ZeroPoint);

/// <summary>
/// Per-tensor error of a QDQ model against its float graph on the same inputs: each quantized
/// activation's float value against the dequantized value its int8 readers see, with every
/// upstream quantization in effect (so errors accumulate along the graph). The QDQ graph runs in
/// the reference evaluator as fake quantization (PassPipeline with LowerQdq off), one sample at a time.
/// </summary>
public static class LayerErrorReport
{
    /// <returns>Worst first (lowest SQNR; exact tensors last).</returns>
    public static IReadOnlyList<LayerError> Measure(ModelGraph floatGraph, QdqModel model, IEnumerable<IReadOnlyDictionary<string, Tensor>> samples)
    {
        var fake = model.Graph.Clone();
        PassPipeline.Standard(new PipelineOptions { LowerQdq = false, Fuse = false }).Run(fake);
        var stats = model.Dequantized.Keys.ToDictionary(t => t, _ => new ErrorStatistics());
        foreach (var sample in samples)
        {
            var reference = Evaluator.Run(floatGraph, sample, keepAll: true);
            var quantized = Evaluator.Run(fake, sample, keepAll: true);
            foreach (var (t, dq) in model.Dequantized)
                if (reference.TryGetValue(t, out var r) && quantized.TryGetValue(dq, out var q) && r.Type == DataType.Float32 && q.Type == DataType.Float32)
                    stats[t].Add(r.Floats, q.Floats);
        }

        var producers = floatGraph.Producers();
        var fusedInto = model.Plan.FusedActivations.ToDictionary(kv => kv.Value, kv => kv.Key);
        var ops = floatGraph.Nodes.ToDictionary(n => n.Name, n => n.OpType);
        var rows = new List<LayerError>();
        foreach (var (t, s) in stats)
        {
            if (s.Count == 0) continue;
            string? node = producers.TryGetValue(t, out var p) ? p.Name : null;
            string op = p?.OpType ?? "input";
            if (node != null && fusedInto.TryGetValue(node, out var weighted)) { op = $"{ops[weighted]}+{op}"; node = weighted; }
            var a = model.Activations[t];
            rows.Add(new LayerError(t, node, op, s.SqnrDb, s.MaxAbsError, a.Scale, a.ZeroPoint));
        }
        return rows.OrderBy(r => r.SqnrDb ?? double.PositiveInfinity).ThenBy(r => r.Tensor, StringComparer.Ordinal).ToList();
    }
}
