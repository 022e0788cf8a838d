using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// LSTM/GRU/RNN whose W and R are DequantizeLinear of int8 constants (symmetric: zero points 0;
/// per tensor, or per gate row along axis 1 with one direction) becomes the edgetk op of the same
/// name that keeps W and R int8 and takes their row scales as two extra inputs. Without this,
/// constant folding would turn the weights back into float32: four times the flash.
/// </summary>
public sealed class RecurrentWeightsLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "LSTM", "GRU", "RNN" };

    public string? TryLower(QdqGraph g, Node node)
    {
        var kind = node.OpType switch { "LSTM" => RecurrentKind.Lstm, "GRU" => RecurrentKind.Gru, _ => RecurrentKind.Rnn };
        if (node.Inputs.Count < 3 || node.Inputs.Count > kind.InputCount) return null;
        if (Weights(g, node.Inputs[RecurrentInputs.W]) is not { } w || Weights(g, node.Inputs[RecurrentInputs.R]) is not { } r) return null;
        var inputs = node.Inputs.Concat(Enumerable.Repeat("", kind.InputCount - node.Inputs.Count)).ToList();
        inputs[RecurrentInputs.W] = w.Quantized;
        inputs[RecurrentInputs.R] = r.Quantized;
        inputs.Add(g.AddInitializer(node.Name + "_W_scale", w.RowScales));
        inputs.Add(g.AddInitializer(node.Name + "_R_scale", r.RowScales));
        var lowered = new Node(node.Name, node.OpType, inputs.ToArray(), node.Outputs.ToArray(), "edgetk");
        foreach (var (name, a) in node.Attributes) lowered.Attributes[name] = a;
        g.Replace(node, lowered);
        return $"{node.OpType} '{node.Name}' -> edgetk.{node.OpType} with int8 W and R";
    }

    /// <summary>A weight [directions, rows, k] dequantized from int8 with zero points 0: the int8 constant and one scale per row (over all directions).</summary>
    private static (string Quantized, Tensor RowScales)? Weights(QdqGraph g, string value)
    {
        if (g.DequantizedFrom(value) is not { } dq || dq.Params.Type != DataType.Int8 || dq.Params.ZeroPoints.Any(z => z != 0)) return null;
        if (g.Constant(dq.Quantized) is not { Rank: 3 } q) return null;
        int rows = q.Shape[0] * q.Shape[1];
        float[] scales;
        if (dq.Params.PerTensor) scales = Enumerable.Repeat(dq.Params.Scale, rows).ToArray();
        else if (dq.Params.Axis == 1 && q.Shape[0] == 1 && dq.Params.Scales.Length == rows) scales = dq.Params.Scales.ToArray();
        else return null;
        return (dq.Quantized, Tensor.FromFloats(new[] { rows }, scales));
    }
}
