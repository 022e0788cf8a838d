using EdgeToolkit.Graph.Ops.Common;
using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// DQ(x int8 per tensor), DQ(constant int8 weights, symmetric, per output channel or per tensor),
/// optional DQ(constant int32 bias) -> Conv (1-D or 2-D) -> optional Relu/Clip -> Q(int8 per tensor)
/// becomes edgetk.QConv with the bias, multipliers and shifts of RequantTerms and the activation
/// folded into act_min/act_max.
/// </summary>
public sealed class ConvLoweringRule : IQdqLoweringRule
{
    public IReadOnlyList<string> AnchorOps { get; } = new[] { "Conv" };

    public string? TryLower(QdqGraph g, Node conv)
    {
        if (conv.Outputs.Count != 1 || !conv.HasInput(1)) return null;
        if (QdqPatterns.Int8Input(g, conv.Inputs[0]) is not { } x) return null;
        if (Weights(g, conv.Inputs[1]) is not { } w) return null;
        int channels = w.Values.Shape[0];
        if (w.Params.Scales.Length is var n && n != 1 && n != channels) return null;
        int[]? biasValues = null;
        float[]? biasScales = null;
        if (conv.HasInput(2))
        {
            if (Bias(g, conv.Inputs[2], channels) is not { } b) return null;
            biasValues = b.Values;
            if (!MatchesAccumulatorScale(b.Params, x.Params, w.Params)) biasScales = b.Params.Scales;
        }
        if (QdqPatterns.Int8Output(g, conv.Outputs[0]) is not { } y) return null;

        RequantTerms.Terms terms;
        try { terms = RequantTerms.Compute(x.Params, w.Params, y.Params, w.Values.Int8s, channels, biasValues, biasScales); }
        catch (ArgumentOutOfRangeException) { return null; }   // a multiplier with no fixed-point form: stay float
        var name = conv.Name.Length > 0 ? conv.Name : "qconv";
        var qconv = new Node(conv.Name, "QConv", new[]
        {
            x.Quantized, w.Name,
            g.AddInitializer(name + "_bias", Tensor.FromInt32s(new[] { channels }, terms.Bias)),
            g.AddInitializer(name + "_multiplier", Tensor.FromInt32s(new[] { channels }, terms.Multiplier)),
            g.AddInitializer(name + "_shift", Tensor.FromInt32s(new[] { channels }, terms.Shift)),
        }, new[] { y.Q.Outputs[0] }, "edgetk");
        foreach (var a in new[] { "strides", "pads", "dilations", "group", "auto_pad" })
            if (conv.Attributes.TryGetValue(a, out var attr)) qconv.With(attr);
        qconv.With(NodeAttribute.Of("kernel_shape", w.Values.Shape[2..].Select(d => (long)d).ToArray()));
        qconv.With(NodeAttribute.Of("input_zero_point", (long)x.Params.ZeroPoint));
        QdqPatterns.SetOutputAttributes(qconv, y);
        g.Replace(conv, qconv, y.Absorbed);
        return $"Conv '{conv.Name}'{(y.Activation != null ? " + " + y.Activation.OpType : "")} -> QConv";
    }

    /// <summary>Constant int8 weights of a 1-D or 2-D conv, symmetric, per tensor or along axis 0.</summary>
    private static (string Name, Tensor Values, QuantParams Params)? Weights(QdqGraph g, string value)
    {
        if (g.DequantizedFrom(value) is not { } dq || dq.Params.Type != DataType.Int8) return null;
        if (g.Constant(dq.Quantized) is not { Type: DataType.Int8, Rank: 3 or 4 } w) return null;
        if (dq.Params.ZeroPoints.Any(z => z != 0)) return null;
        if (!dq.Params.PerTensor && dq.Params.Axis != 0 && dq.Params.Axis != -w.Rank) return null;
        return (dq.Quantized, w, dq.Params);
    }

    /// <summary>A constant int32 bias [channels] with zero point 0.</summary>
    private static (int[] Values, QuantParams Params)? Bias(QdqGraph g, string value, int channels)
    {
        if (g.DequantizedFrom(value) is not { } dq || dq.Params.Type != DataType.Int32) return null;
        if (g.Constant(dq.Quantized) is not { Type: DataType.Int32 } b || b.Length != channels) return null;
        if (dq.Params.ZeroPoints.Any(z => z != 0) || dq.Params.Scales.Length is var n && n != 1 && n != channels) return null;
        return (TensorValues.ToLongs(b).Select(v => (int)v).ToArray(), dq.Params);
    }

    /// <summary>Whether the bias is in units of sx * sw[c] (as quantizers write it), so it is used as it is.</summary>
    private static bool MatchesAccumulatorScale(QuantParams bias, QuantParams x, QuantParams w)
    {
        int channels = Math.Max(bias.Scales.Length, w.Scales.Length);
        for (int c = 0; c < channels; c++)
        {
            double expected = (double)x.Scale * w.Scales[w.PerTensor ? 0 : c], actual = bias.Scales[bias.PerTensor ? 0 : c];
            if (Math.Abs(actual - expected) > 1e-6 * expected) return false;
        }
        return true;
    }
}
