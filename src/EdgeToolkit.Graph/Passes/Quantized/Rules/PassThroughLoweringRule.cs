namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(int8) -> MaxPool / Reshape / Flatten / Squeeze / Unsqueeze / Transpose / Identity -> Q(int8)
/// with the same scale and zero point on both sides: the op moves or picks values without
/// changing them, so it runs on the int8 tensor directly and the DQ and Q disappear. An int8
/// MaxPool that follows a QConv is then folded into it (QConvPoolFusion).
/// </summary>
public sealed class PassThroughLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "MaxPool", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Identity" };

    public string? TryLower(QdqGraph g, Node op)
    {
        if (op.Inputs.Count == 0 || op.Outputs.Count == 0) return null;
        if (QdqPatterns.Int8Input(g, op.Inputs[0]) is not { } x) return null;
        // The lowered node keeps only its first output: another one (MaxPool's Indices) must be unused.
        if (op.Outputs.Skip(1).Any(o => o.Length > 0 && (g.IsGraphOutput(o) || g.Readers(o).Count > 0))) return null;
        if (g.QuantizedBy(op.Outputs[0]) is not { } y || !QdqPatterns.IsInt8PerTensor(y.Params)) return null;
        if (y.Params.Scale != x.Params.Scale || y.Params.ZeroPoint != x.Params.ZeroPoint) return null;
        var lowered = ModelGraph.CloneNode(op);
        lowered.Inputs[0] = x.Quantized;
        lowered.Outputs.Clear();
        lowered.Outputs.Add(y.Q.Outputs[0]);
        g.Replace(op, lowered, y.Q);
        bool fused = lowered.OpType == "MaxPool" && QConvPoolFusion.TryFuse(g, lowered);
        return $"{op.OpType} '{op.Name}' runs on int8{(fused ? ", fused into its QConv" : "")}";
    }
}
