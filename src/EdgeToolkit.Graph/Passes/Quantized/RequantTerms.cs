using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized;

/// <summary>
/// The constants every weighted integer op (QGemm, QConv) needs, computed once at lowering:
/// per output channel the int32 bias with the input zero point's share folded in, and the
/// fixed-point multiplier of sx * sw[c] / sy. Every channel of a layer shares one shift (the
/// largest any channel needs), so kernels keep one shift per layer and one multiplier per channel
/// (4 bytes of flash per channel fewer); a channel with a smaller scale gets a smaller mantissa,
/// still at least 2^(30 - log2 of the layer's scale spread), far finer than int8 needs.
/// Also the clamp range an activation between the op and its QuantizeLinear (Relu, Clip) folds into.
/// </summary>
public static class RequantTerms
{
    public sealed record Terms(int[] Bias, int[] Multiplier, int[] Shift);

    /// <param name="weights">int8 weights, `channels` rows of `perChannel` values each (output channel major).</param>
    /// <param name="bias">Bias values already in units of sx * sw[c] (an int32 DQ with that scale), or null.</param>
    /// <param name="biasScales">The bias DQ's scales when they differ from sx * sw[c] (other tools' files); null when they match.</param>
    public static Terms Compute(QuantParams x, QuantParams w, QuantParams y, sbyte[] weights, int channels, int[]? bias, float[]? biasScales = null)
    {
        int perChannel = weights.Length / channels;
        var b = new int[channels];
        var m = new int[channels];
        var s = new int[channels];
        var real = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sw = w.Scales[w.PerTensor ? 0 : c];
            double accScale = (double)x.Scale * sw;
            long sum = 0;
            for (int k = 0; k < perChannel; k++) sum += weights[c * perChannel + k];
            long bc = 0;
            if (bias != null)
                bc = biasScales == null ? bias[c]
                    : (long)Math.Round(bias[c] * (double)biasScales[biasScales.Length == 1 ? 0 : c] / accScale, MidpointRounding.ToEven);
            b[c] = (int)Math.Clamp(bc - (long)x.ZeroPoint * sum, int.MinValue, int.MaxValue);
            real[c] = accScale / y.Scale;
        }
        int layerShift = real.Select(FixedPoint.QuantizeMultiplier).Where(q => q.Multiplier != 0).Select(q => q.Shift).DefaultIfEmpty(0).Max();
        for (int c = 0; c < channels; c++)
        {
            s[c] = layerShift;
            m[c] = (int)Math.Min(int.MaxValue, Math.Round(real[c] * Math.Pow(2, 31 - layerShift), MidpointRounding.AwayFromZero));
        }
        return new Terms(b, m, s);
    }

    /// <summary>
    /// Whether every int32 sum of an int16-input QGemm stays in int32 whatever the input:
    /// |B[c]| + 32768 * sum_k |W[c, k]| &lt;= 2^31 - 1 for every channel c (Ops/Quantized/README.md).
    /// </summary>
    public static bool Int16SumsFit(int[] bias, long[] absWeightSums) =>
        bias.Zip(absWeightSums).All(p => Math.Abs((long)p.First) + 32768L * p.Second <= int.MaxValue);

    /// <summary>sum_k |W[c, k]| of each of the `channels` rows of W [channels, K].</summary>
    public static long[] AbsRowSums(sbyte[] weights, int channels)
    {
        int k = weights.Length / channels;
        var sums = new long[channels];
        for (int i = 0; i < weights.Length; i++) sums[i / k] += Math.Abs((int)weights[i]);
        return sums;
    }

    /// <summary>
    /// When `act` is a Relu, or a Clip with constant bounds, the range it leaves in y's integer
    /// domain (intersected with the type's range); null for any other node.
    /// </summary>
    public static (int Min, int Max)? ActivationRange(QdqGraph g, Node act, QuantParams y)
    {
        float lo, hi;
        switch (act.OpType)
        {
            case "Relu": lo = 0; hi = float.PositiveInfinity; break;
            case "Clip":
                if (act.HasAttribute("min") || act.HasAttribute("max")) { lo = act.GetFloat("min", float.MinValue); hi = act.GetFloat("max", float.MaxValue); break; }
                var min = act.HasInput(1) ? g.Constant(act.Inputs[1]) : null;
                var max = act.HasInput(2) ? g.Constant(act.Inputs[2]) : null;
                if ((act.HasInput(1) && min == null) || (act.HasInput(2) && max == null)) return null;
                lo = min?.Floats[0] ?? float.NegativeInfinity; hi = max?.Floats[0] ?? float.PositiveInfinity;
                break;
            default: return null;
        }
        int qlo = float.IsNegativeInfinity(lo) ? y.QMin : Math.Max(y.QMin, y.Quantize(lo));
        int qhi = float.IsPositiveInfinity(hi) ? y.QMax : Math.Min(y.QMax, y.Quantize(hi));
        return (qlo, qhi);
    }
}
