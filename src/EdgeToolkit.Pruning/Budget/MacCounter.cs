using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Budget;

/// <summary>
/// Multiply-accumulates of the graph's products (Gemm, MatMul, Conv), from inferred shapes: what
/// an MCU spends its time on. The adaptive schedule weighs a cut by the MACs it saves as well as
/// the parameters, so that a parameter budget also buys speed.
/// </summary>
public static class MacCounter
{
    public static long Count(ModelGraph graph)
    {
        long total = 0;
        foreach (var n in graph.Nodes)
        {
            var y = graph.TryGetInfo(n.Outputs[0])?.Shape;
            if (y?.IsConcrete != true) continue;
            long outputs = y.ElementCount!.Value;
            switch (n.OpType)
            {
                case "Gemm":
                {
                    var a = graph.GetInfo(n.Inputs[0]).Shape.ToConcrete();
                    total += outputs * (n.GetInt("transA", 0) != 0 ? a[0] : a[1]);
                    break;
                }
                case "MatMul":
                {
                    var a = graph.GetInfo(n.Inputs[0]).Shape.ToConcrete();
                    total += outputs * a[^1];
                    break;
                }
                case "Conv":
                {
                    var w = graph.GetInfo(n.Inputs[1]).Shape.ToConcrete();
                    total += outputs * w.Skip(1).Aggregate(1L, (p, d) => p * d);
                    break;
                }
            }
        }
        return total;
    }
}
