using EdgeToolkit.Graph.Ops.Quantized;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int16) -> one elementwise float op -> Q(int16) becomes a QLookup16: the op is evaluated
/// (ElementwiseTable) at the dequantized inputs -32768 + 64 i, i = 0..1024: the 513 segment ends
/// -32768 + 128 j (the last one past the int16 range) and the 512 midpoints between them. T[j] is
/// the op at end j in 1/128 steps of the Q's quantization; C[j] is 4 times how far the op at
/// midpoint j lies above the chord of T[j] and T[j+1], the parabola the kernel adds
/// (QLookup16Operator).
/// </summary>
public sealed class Lookup16LoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps => ElementwiseTable.Ops;

    public string? TryLower(QdqGraph graph, Node node)
    {
        if (ElementwiseTable.Operator(graph, node) is not { } op) return null;
        if (QGemmLowering.Activation(graph, node.Inputs[0]) is not { Params.Type: DataType.Int16 } x) return null;
        if (graph.QuantizedBy(node.Outputs[0]) is not { } q || !QGemmLowering.IsActivation(q.Params) || q.Params.Type != DataType.Int16) return null;
        var inputs = Enumerable.Range(0, 2 * QLookup16Operator.TableLength - 1).Select(i => x.Params.Dequantize(short.MinValue + 64 * i)).ToArray();
        if (ElementwiseTable.Evaluate(graph, node, op, inputs) is not { } y) return null;
        var table = new int[QLookup16Operator.TableLength];
        for (int j = 0; j < table.Length; j++) table[j] = (int)Math.Round(Steps128(y[2 * j], q.Params), MidpointRounding.ToEven);
        var curvature = new short[QLookup16Operator.Segments];
        for (int j = 0; j < curvature.Length; j++)
        {
            double above = Steps128(y[2 * j + 1], q.Params) - (table[j] + (double)table[j + 1]) / 2;
            curvature[j] = (short)Math.Clamp(Math.Round(4 * above, MidpointRounding.ToEven), short.MinValue, short.MaxValue);
        }
        var t = graph.AddInitializer($"{node.Name}_table", Tensor.FromInt32s(new[] { table.Length }, table));
        var c = graph.AddInitializer($"{node.Name}_curvature", new Tensor(DataType.Int16, new[] { curvature.Length }, curvature));
        graph.Replace(node, new Node(node.Name, "QLookup16", new[] { x.Value, t, c }, new[] { q.Q.Outputs[0] }, "edgetk"), q.Q);
        return $"{node.OpType} '{node.Name}' -> QLookup16";
    }

    /// <summary>
    /// v in 1/128 steps of y's quantization, saturated to the int16 range as QuantizeLinear
    /// saturates (NaN: the zero point, as QuantizeLinear gives).
    /// </summary>
    private static double Steps128(float v, QuantParams y)
    {
        double steps = float.IsNaN(v) ? y.ZeroPoint : Math.Clamp(v / (double)y.Scale + y.ZeroPoint, y.QMin, y.QMax);
        return 128 * steps;
    }
}
