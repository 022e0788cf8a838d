using EdgeToolkit.Graph.Quantization;

namespace EdgeToolkit.Graph.Passes.Quantized.Rules;

/// <summary>
/// What the Gemm and MatMul rules share: matching the activation (int8, or int16 in the 16x8
/// mode), the constant int8 weights, an int32 bias and the output chain ([Relu | Clip] ->
/// QuantizeLinear of the input's type), and writing the QGemm. Every matcher returns null unless
/// its part is exactly what QGemm computes.
/// </summary>
internal static class QGemmLowering
{
    /// <summary>The end of the pattern: the QuantizeLinear, the folded activation (or null) and the clamp range it leaves.</summary>
    public sealed record OutputChain(Node Q, Node? Activation, QuantParams Params, int Min, int Max);

    /// <summary>The DQ'd per-tensor int8 activation behind `value`: its integer value's name and parameters.</summary>
    public static (string Value, QuantParams Params)? Int8Input(QdqGraph g, string value) =>
        g.DequantizedFrom(value) is { } dq && IsInt8PerTensor(dq.Params) ? (dq.Quantized, dq.Params) : null;

    /// <summary>The DQ'd per-tensor int8 or int16 activation behind `value`: its integer value's name and parameters.</summary>
    public static (string Value, QuantParams Params)? Activation(QdqGraph g, string value) =>
        g.DequantizedFrom(value) is { } dq && IsActivation(dq.Params) ? (dq.Quantized, dq.Params) : null;

    /// <summary>
    /// Constant symmetric int8 weights of rank 2 behind a DQ, per tensor or with one scale per slice
    /// along `channelAxis` (the output units).
    /// </summary>
    public static (Tensor Values, QuantParams Params)? Weights(QdqGraph g, string value, int channelAxis)
    {
        if (g.DequantizedFrom(value) is not { } dq || g.Constant(dq.Quantized) is not { Type: DataType.Int8, Rank: 2 } w) return null;
        var p = dq.Params;
        if (p.Type != DataType.Int8 || p.ZeroPoints.Any(z => z != 0) || !p.Scales.All(IsUsableScale)) return null;
        if (!p.PerTensor && (Normalize(p.Axis, 2) != channelAxis || p.Scales.Length != w.Shape[channelAxis])) return null;
        return (w, p);
    }

    /// <summary>
    /// A constant int32 bias of n values behind a DQ: the values minus the zero point, and the DQ's
    /// scales when they are not exactly sx * sw[c] (as ONNX Runtime's quantizer writes them), else null.
    /// </summary>
    public static (int[] Values, float[]? Scales)? Bias(QdqGraph g, string value, int n, QuantParams x, QuantParams w)
    {
        if (g.DequantizedFrom(value) is not { } dq || g.Constant(dq.Quantized) is not { Type: DataType.Int32 } c) return null;
        if (c.Length != n || c.Shape.Count(d => d != 1) > 1) return null;
        var p = dq.Params;
        if (!p.PerTensor && p.Scales.Length != n) return null;
        if (!p.Scales.All(IsUsableScale)) return null;
        var q = c.Int32s;
        var values = new int[n];
        for (int i = 0; i < n; i++)
        {
            long v = (long)q[i] - p.ZeroPoints[p.PerTensor ? 0 : i];
            if (v is < int.MinValue or > int.MaxValue) return null;
            values[i] = (int)v;
        }
        bool exact = Enumerable.Range(0, n).All(i => p.Scales[p.PerTensor ? 0 : i] == x.Scale * w.Scales[w.PerTensor ? 0 : i]);
        return (values, exact ? null : p.Scales);
    }

    /// <summary>
    /// `value` -> QuantizeLinear, or `value` -> Relu/Clip -> QuantizeLinear with the activation read
    /// by nothing else, the Q writing `type` (the input's: QGemm's X and Y share it).
    /// </summary>
    public static OutputChain? Output(QdqGraph g, string value, DataType type)
    {
        if (g.QuantizedBy(value) is { } direct)
            return IsActivation(direct.Params) && direct.Params.Type == type ? new OutputChain(direct.Q, null, direct.Params, direct.Params.QMin, direct.Params.QMax) : null;
        if (g.Readers(value) is not { Count: 1 } readers) return null;
        var act = readers[0];
        if (act.Domain.Length > 0 || act.OpType is not ("Relu" or "Clip") || act.Fused.Count > 0 || act.Inputs[0] != value || !g.OnlyReader(value, act)) return null;
        if (g.QuantizedBy(act.Outputs[0]) is not { } q || !IsActivation(q.Params) || q.Params.Type != type) return null;
        if (RequantTerms.ActivationRange(g, act, q.Params) is not { } range || range.Min > range.Max) return null;
        return new OutputChain(q.Q, act, q.Params, range.Min, range.Max);
    }

    /// <summary>
    /// Replaces `anchor` (and the chain after it) by a QGemm writing the Q's output; W is [N, K].
    /// Returns the pass log line, or null when the requantisation cannot be represented (M &gt;= 2^30)
    /// or, with int16 activations, when a sum could leave int32.
    /// </summary>
    public static string? Lower(QdqGraph g, Node anchor, string x, QuantParams xp, sbyte[] weights, int n, QuantParams wp,
        (int[] Values, float[]? Scales)? bias, OutputChain output)
    {
        RequantTerms.Terms terms;
        try { terms = RequantTerms.Compute(xp, wp, output.Params, weights, n, bias?.Values, bias?.Scales); }
        catch (ArgumentOutOfRangeException) { return null; }
        int k = weights.Length / n;
        if (xp.Type == DataType.Int16 && !RequantTerms.Int16SumsFit(terms.Bias, RequantTerms.AbsRowSums(weights, n))) return null;
        string Add(string suffix, Tensor t) => g.AddInitializer($"{anchor.Name}_{suffix}", t);
        var node = new Node(anchor.Name, "QGemm", new[]
        {
            x,
            Add("w", new Tensor(DataType.Int8, new[] { n, k }, weights)),
            Add("bias", Tensor.FromInt32s(new[] { n }, terms.Bias)),
            Add("multiplier", Tensor.FromInt32s(new[] { n }, terms.Multiplier)),
            Add("shift", Tensor.FromInt32s(new[] { n }, terms.Shift)),
        }, new[] { output.Q.Outputs[0] }, "edgetk");
        node.With(NodeAttribute.Of("output_zero_point", (long)output.Params.ZeroPoint))
            .With(NodeAttribute.Of("act_min", (long)output.Min))
            .With(NodeAttribute.Of("act_max", (long)output.Max));
        var removed = output.Activation != null ? new[] { output.Activation, output.Q } : new[] { output.Q };
        g.Replace(anchor, node, removed);
        return $"{anchor.OpType} '{anchor.Name}'{(output.Activation != null ? $" + {output.Activation.OpType}" : "")} -> QGemm [{n}x{k}]" +
               (xp.Type == DataType.Int16 ? " int16 x int8" : "");
    }

    /// <summary>W [rows, cols] transposed to [cols, rows].</summary>
    public static sbyte[] Transpose(sbyte[] w, int rows, int cols)
    {
        var t = new sbyte[w.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
        return t;
    }

    public static bool IsInt8PerTensor(QuantParams p) => p.Type == DataType.Int8 && p.PerTensor && IsUsableScale(p.Scale);

    /// <summary>A per-tensor int8 or int16 activation with a usable scale.</summary>
    public static bool IsActivation(QuantParams p) => p.Type is DataType.Int8 or DataType.Int16 && p.PerTensor && IsUsableScale(p.Scale);

    private static bool IsUsableScale(float s) => s > 0 && float.IsFinite(s);

    private static int Normalize(int axis, int rank) => axis < 0 ? axis + rank : axis;
}
