using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Dynamic;

/// <summary>
/// Writes one float product as the node chain onnxruntime.quantization.quantize_dynamic writes:
/// <code>
///   X --DynamicQuantizeLinear--> (Xq uint8, Xs, Xz)
///   MatMulInteger(Xq, Wq int8, Xz) --Cast(float)--> acc
///   Y = acc * Mul(Xs, Ws)  [+ bias]
/// </code>
/// ORT's MatMulIntegerToFloatFusion matches exactly this chain (the scale Mul with A's scale first,
/// the bias as the Add's second input) and DynamicQuantizeMatMulFusion then swallows the
/// DynamicQuantizeLinear, so the whole chain runs as one int8 GEMM with a float epilogue.
/// </summary>
internal sealed class IntegerMatMulBuilder
{
    private readonly ModelGraph _g;
    private readonly NameAllocator _names;
    private readonly DynamicQuantizationOptions _options;
    private readonly Dictionary<(string Weight, bool Transposed, float Alpha), (string Values, string Scales)> _weights = new();

    public IntegerMatMulBuilder(ModelGraph g, NameAllocator names, DynamicQuantizationOptions options)
    {
        _g = g; _names = names; _options = options;
    }

    public IEnumerable<Node> Build(DenseProduct p)
    {
        string node = p.Node.Name;
        var (wq, ws) = QuantizedWeights(p);
        string xq = _names.Fresh($"{p.Activation}_quantized"), xs = _names.Fresh($"{p.Activation}_scale"), xz = _names.Fresh($"{p.Activation}_zero_point");
        yield return new Node(_names.Fresh($"{node}_quantize_input"), "DynamicQuantizeLinear", new[] { p.Activation }, new[] { xq, xs, xz });

        string acc = _names.Fresh($"{p.Output}_int32");
        yield return new Node(_names.Fresh($"{node}_int8"), "MatMulInteger", new[] { xq, wq, xz }, new[] { acc });
        string accFloat = _names.Fresh($"{p.Output}_int32_as_float");
        yield return new Node(_names.Fresh($"{node}_to_float"), "Cast", new[] { acc }, new[] { accFloat })
            .With(NodeAttribute.Of("to", (long)DataType.Float32));

        string scale = _names.Fresh($"{p.Output}_scale");
        yield return new Node(_names.Fresh($"{node}_scale"), "Mul", new[] { xs, ws }, new[] { scale });
        string scaled = p.Bias == null ? p.Output : _names.Fresh($"{p.Output}_without_bias");
        yield return new Node(_names.Fresh($"{node}_rescale"), "Mul", new[] { accFloat, scale }, new[] { scaled });

        if (p.Bias != null)
        {
            string bias = _names.Fresh($"{node}_bias");
            _g.Initializers[bias] = p.Bias;
            yield return new Node(_names.Fresh($"{node}_add_bias"), "Add", new[] { scaled, bias }, new[] { p.Output });
        }
    }

    /// <summary>int8 weights and their scales as initializers, made once per weight however many nodes share it.</summary>
    private (string Values, string Scales) QuantizedWeights(DenseProduct p)
    {
        var key = (p.Node.Inputs[1], p.Node.OpType == "Gemm" && p.Node.GetInt("transB", 0) != 0, p.Alpha);
        if (_weights.TryGetValue(key, out var names)) return names;
        var q = SymmetricWeights.Quantize(p.Weights, p.K, p.N, _options.PerChannel, _options.ReduceRange);
        names = (_names.Fresh($"{key.Item1}_int8"), _names.Fresh($"{key.Item1}_scale"));
        _g.Initializers[names.Values] = new Tensor(DataType.Int8, new[] { p.K, p.N }, q.Values);
        // Gemm's alpha rides on the scale: (alpha * Ws) * Xs * (Xq - Xz) x Wq.
        var scales = q.Scales.Select(s => s * p.Alpha).ToArray();
        _g.Initializers[names.Scales] = scales.Length == 1 ? Tensor.Scalar(scales[0]) : Tensor.Vector(scales);
        return _weights[key] = names;
    }
}
