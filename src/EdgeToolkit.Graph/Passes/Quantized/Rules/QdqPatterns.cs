using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>The quantized output of a lowered op: an optional Relu/Clip folded into [Min, Max], then its QuantizeLinear.</summary>
internal sealed record QuantizedResult(Node? Activation, Node Q, QuantParams Params, int Min, int Max)
{
    /// <summary>The nodes the integer op replaces besides the anchor: the activation (if any) and the Q.</summary>
    public Node[] Absorbed => Activation != null ? new[] { Activation, Q } : new[] { Q };
}

/// <summary>The pieces of QDQ patterns the lowering rules share; each returns null when the pattern is not exactly there.</summary>
internal static class QdqPatterns
{
    public static bool IsInt8PerTensor(QuantParams p) => p.Type == DataType.Int8 && p.PerTensor;

    /// <summary>`value` dequantized from an int8 per-tensor tensor: that tensor's name and parameters.</summary>
    public static (string Quantized, QuantParams Params)? Int8Input(QdqGraph g, string value) =>
        g.DequantizedFrom(value) is { } dq && IsInt8PerTensor(dq.Params) ? (dq.Quantized, dq.Params) : null;

    /// <summary>
    /// What follows `value` (the anchor's float result): directly a QuantizeLinear to int8 per
    /// tensor, or a Relu / constant Clip read by nothing else and then that QuantizeLinear.
    /// </summary>
    public static QuantizedResult? Int8Output(QdqGraph g, string value)
    {
        if (g.QuantizedBy(value) is { } direct)
            return IsInt8PerTensor(direct.Params) ? new QuantizedResult(null, direct.Q, direct.Params, -128, 127) : null;
        if (g.IsGraphOutput(value) || g.Readers(value) is not { Count: 1 } readers) return null;
        var act = readers[0];
        if (act.Domain.Length > 0 || act.OpType is not ("Relu" or "Clip") || act.Inputs[0] != value || act.Outputs.Count != 1) return null;
        if (g.QuantizedBy(act.Outputs[0]) is not { } q || !IsInt8PerTensor(q.Params)) return null;
        if (RequantTerms.ActivationRange(g, act, q.Params) is not { } range || range.Min > range.Max) return null;
        return new QuantizedResult(act, q.Q, q.Params, range.Min, range.Max);
    }

    /// <summary>The attributes every lowered op with a requantised int8 output carries.</summary>
    public static void SetOutputAttributes(Node node, QuantizedResult output)
    {
        node.With(NodeAttribute.Of("output_zero_point", (long)output.Params.ZeroPoint))
            .With(NodeAttribute.Of("act_min", (long)output.Min))
            .With(NodeAttribute.Of("act_max", (long)output.Max));
    }

    /// <summary>The fixed-point form of a real multiplier; null when it has none (negative, not finite, 2^30 or more).</summary>
    public static (int Multiplier, int Shift)? Multiplier(double real)
    {
        try { return FixedPoint.QuantizeMultiplier(real); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    /// <summary>A (multiplier, shift) pair as two attributes named prefix_multiplier and prefix_shift.</summary>
    public static void SetMultiplier(Node node, string prefix, (int Multiplier, int Shift) ms) =>
        node.With(NodeAttribute.Of(prefix + "_multiplier", (long)ms.Multiplier)).With(NodeAttribute.Of(prefix + "_shift", (long)ms.Shift));
}
