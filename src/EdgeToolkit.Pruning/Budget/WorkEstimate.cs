using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Budget;

/// <summary>
/// A rough instruction count for one inference on a float Cortex-M4, from inferred shapes, so the
/// adaptive schedule can value a cut by the time it saves as well as the parameters. The rates are
/// what `profile --per-layer` measured on reasoning-arith (QEMU icount): about 3 instructions per
/// MAC in the products, 5-9 per element for data movement (the KV cache's Where, Transpose, Gather),
/// 20-65 per element for normalisation and transcendental functions (LayerNorm, Softmax, Erf). Only
/// ratios between cuts matter, so the rates need not be exact.
/// </summary>
public static class WorkEstimate
{
    private const double PerMac = 3, PerMoved = 5, PerTranscendental = 40;

    private static readonly HashSet<string> Transcendental = new() { "Erf", "Exp", "Tanh", "Sigmoid", "Softmax", "LogSoftmax", "LayerNormalization", "Gelu", "Log", "Sqrt", "Pow" };

    public static double Instructions(ModelGraph graph)
    {
        double total = 0;
        foreach (var n in graph.Nodes)
        {
            var y = graph.TryGetInfo(n.Outputs[0])?.Shape;
            if (y?.IsConcrete != true) continue;
            long outputs = y.ElementCount!.Value;
            total += n.OpType switch
            {
                "Gemm" or "MatMul" or "Conv" => PerMac * Macs(graph, n, outputs),
                _ when Transcendental.Contains(n.OpType) => PerTranscendental * outputs,
                _ => PerMoved * outputs,
            };
        }
        return total;
    }

    public static long Macs(ModelGraph graph)
    {
        long total = 0;
        foreach (var n in graph.Nodes.Where(n => n.OpType is "Gemm" or "MatMul" or "Conv"))
            if (graph.TryGetInfo(n.Outputs[0])?.Shape is { IsConcrete: true } y) total += Macs(graph, n, y.ElementCount!.Value);
        return total;
    }

    private static long Macs(ModelGraph graph, Node n, long outputs)
    {
        var a = graph.GetInfo(n.Inputs[0]).Shape.ToConcrete();
        return n.OpType switch
        {
            "Gemm" => outputs * (n.GetInt("transA", 0) != 0 ? a[0] : a[1]),
            "MatMul" => outputs * a[^1],
            _ => outputs * graph.GetInfo(n.Inputs[1]).Shape.ToConcrete().Skip(1).Aggregate(1L, (p, d) => p * d),
        };
    }
}
