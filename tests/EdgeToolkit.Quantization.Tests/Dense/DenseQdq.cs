using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Quantization.Tests.Support;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>How DenseQdq quantizes the weights of a float graph.</summary>
public sealed record DenseQdqOptions
{
    /// <summary>One weight scale per output unit (else one for the tensor).</summary>
    public bool PerChannel { get; init; } = true;
    /// <summary>Keep the Gemm biases (as int32 behind a DQ); false drops them from the model.</summary>
    public bool Bias { get; init; } = true;
    /// <summary>No Q/DQ between a Gemm/MatMul and a Relu/Clip that alone reads it, as ONNX Runtime's quantizer writes it.</summary>
    public bool FoldActivations { get; init; } = true;
    /// <summary>Int8 (asymmetric) or Int16 (symmetric over the range seen, opset 21: the 16x8 mode).</summary>
    public DataType Activations { get; init; } = DataType.Int8;
}

/// <summary>
/// A small static QDQ quantizer for tests (the real one lives elsewhere): min/max calibration of
/// every activation over given inputs with the reference evaluator, asymmetric int8 (or symmetric
/// int16) Q/DQ pairs on them, symmetric int8 weights (QdqBuild) behind DQ, int32 biases in units of sx * sw. Handles
/// graphs of Gemm / MatMul with constant weights and single-input elementwise ops: the MLPs the
/// dense tests and figures use.
/// </summary>
public static class DenseQdq
{
    public static ModelGraph Quantize(ModelGraph model, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> calibration, DenseQdqOptions? options = null)
    {
        options ??= new DenseQdqOptions();
        var ranges = Calibrate(model, calibration);
        var q = new QdqBuild(model.Name + "_qdq", options.Activations == DataType.Int16 ? 21 : model.Opset);
        QuantParams Params(string value) => DenseQdq.Params(ranges, value, options.Activations);
        var b = q.B;
        var map = new Dictionary<string, string>();
        var readers = model.Consumers();
        foreach (var input in model.Inputs)
        {
            b.Input(input.Name, input.Type, input.Shape);
            map[input.Name] = q.Activation(input.Name, Params(input.Name), Tag(input.Name));
        }
        foreach (var node in model.Nodes)
        {
            var inputs = node.Inputs.Select(i => map.TryGetValue(i, out var m) ? m : i).ToArray();
            if (node.OpType is "Gemm" or "MatMul" && model.Initializers.TryGetValue(node.Inputs[1], out var weight))
                inputs = QuantizeWeights(q, model, node, inputs, weight, Params(node.Inputs[0]), options);
            else
                foreach (var i in node.Inputs.Where(model.Initializers.ContainsKey)) b.Constant(i, model.Initializers[i]);
            var raw = node.Outputs[0] + "_f";
            var copy = new Node(node.Name, node.OpType, inputs, new[] { raw });
            foreach (var a in node.Attributes) copy.Attributes[a.Key] = a.Value;
            b.Graph.Nodes.Add(copy);
            bool fold = options.FoldActivations && node.OpType is "Gemm" or "MatMul" && readers.TryGetValue(node.Outputs[0], out var r)
                && r.Count == 1 && r[0].OpType is "Relu" or "Clip" && !model.Outputs.Any(o => o.Name == node.Outputs[0]);
            map[node.Outputs[0]] = fold ? raw : q.Activation(raw, Params(node.Outputs[0]), Tag(node.Outputs[0]));
        }
        foreach (var o in model.Outputs) b.Output(b.Rename(map[o.Name], o.Name));
        return b.Graph;
    }

    /// <summary>The inputs of a Gemm/MatMul with the float weight (and bias) replaced by DQ'd int8 (int32) constants.</summary>
    private static string[] QuantizeWeights(QdqBuild q, ModelGraph model, Node node, string[] inputs, Tensor weight, QuantParams x, DenseQdqOptions o)
    {
        bool gemm = node.OpType == "Gemm";
        int axis = gemm && node.GetInt("transB", 0) != 0 ? 0 : 1;
        var tag = Tag(node.Name + "_w");
        float[] scales;
        if (o.PerChannel) (inputs[1], scales) = q.Weight(tag, weight, axis);
        else (inputs[1], scales) = PerTensorWeight(q, tag, weight, axis);
        if (!gemm || inputs.Length < 3 || inputs[2].Length == 0) return inputs;
        if (!o.Bias) return inputs[..2];
        var bias = model.Initializers[node.Inputs[2]].Floats;
        inputs[2] = q.Bias(Tag(node.Name + "_b"), bias, x.Scale, scales);
        return inputs;
    }

    /// <summary>Symmetric int8 with one scale for the whole tensor (scalar scale and zero point); the scales returned one per channel for the bias.</summary>
    private static (string Value, float[] Scales) PerTensorWeight(QdqBuild q, string tag, Tensor w, int axis)
    {
        float scale = QuantParams.SymmetricScale(w.Floats.Max(MathF.Abs));
        var values = w.Floats.Select(v => (sbyte)Math.Clamp((int)FixedPoint.RoundHalfToEven(v / scale), -127, 127)).ToArray();
        var b = q.B;
        var wq = b.Constant($"{tag}_quantized", new Tensor(DataType.Int8, w.Shape, values));
        var s = b.Constant($"{tag}_scale", Tensor.Scalar(scale));
        var z = b.Constant($"{tag}_zp", new Tensor(DataType.Int8, Array.Empty<int>(), new sbyte[1]));
        return (b.OpNamed($"{tag}_dq", "DequantizeLinear", new[] { wq, s, z }), Enumerable.Repeat(scale, w.Shape[axis]).ToArray());
    }

    /// <summary>Min and max of every float activation (inputs and node outputs) over the calibration inputs.</summary>
    public static Dictionary<string, (float Min, float Max)> Calibrate(ModelGraph model, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> inputs)
    {
        var r = new Dictionary<string, (float Min, float Max)>();
        foreach (var c in inputs)
            foreach (var (name, t) in Evaluator.Run(model, c, keepAll: true))
            {
                if (t.Type != DataType.Float32 || model.Initializers.ContainsKey(name)) continue;
                var (lo, hi) = r.GetValueOrDefault(name, (float.MaxValue, float.MinValue));
                foreach (var v in t.Floats) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
                r[name] = (lo, hi);
            }
        return r;
    }

    private static QuantParams Params(Dictionary<string, (float Min, float Max)> ranges, string value, DataType type) => type == DataType.Int16
        ? QuantParams.SymmetricInt16(ranges[value].Min, ranges[value].Max)
        : QuantParams.Asymmetric(ranges[value].Min, ranges[value].Max);

    private static string Tag(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>Uniform random inputs in [-range, range] for every graph input, one dictionary per case.</summary>
    public static List<IReadOnlyDictionary<string, Tensor>> RandomInputs(ModelGraph model, int cases, int seed, float range = 1f)
    {
        var rng = new Random(seed);
        var list = new List<IReadOnlyDictionary<string, Tensor>>();
        for (int c = 0; c < cases; c++)
        {
            var d = new Dictionary<string, Tensor>();
            foreach (var i in model.Inputs)
            {
                var shape = i.Shape.ToConcrete();
                var v = new float[Tensor.ElementCountOf(shape)];
                for (int k = 0; k < v.Length; k++) v[k] = (float)(rng.NextDouble() * 2 - 1) * range;
                d[i.Name] = Tensor.FromFloats(shape, v);
            }
            list.Add(d);
        }
        return list;
    }
}
