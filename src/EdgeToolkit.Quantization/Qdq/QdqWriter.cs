using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Graph.Quantization;
using EdgeToolkit.Quantization.Calibration;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Writes the QDQ graph of a plan in the layout QdqLoweringPass expects (Ops/Quantized/README.md):
/// each quantized activation T gets T -> QuantizeLinear -> DequantizeLinear with scalar float scale
/// and int8 zero point (asymmetric), or int16 zero point 0 (symmetric: the 16x8 mode, opset 21);
/// weights become int8 initializers behind a DequantizeLinear (per channel along the output axis,
/// or per tensor), biases int32 with scale sx * sw[c] and zero point 0.
/// When T comes out of an int8 node every reader takes the dequantized value (in deployment only
/// int8 exists); when T comes from a float node (or is a graph input) only int8 readers do, and
/// float readers keep the exact value. Graph outputs stay float under their own names.
/// </summary>
public static class QdqWriter
{
    /// <param name="activations">The activations' type: Int8 (asymmetric) or Int16 (symmetric).</param>
    /// <param name="inputMoments">Node name -> E[x x^T] of a Gemm/MatMul input, for error-compensating weight rounding; others round to nearest.</param>
    public static QdqModel Write(ModelGraph floatGraph, QuantizationPlan plan, IReadOnlyDictionary<string, TensorRange> ranges, bool perChannel,
        DataType activations = DataType.Int8, IReadOnlyDictionary<string, double[,]>? inputMoments = null)
    {
        if (activations is not (DataType.Int8 or DataType.Int16)) throw new ArgumentException($"activations must be int8 or int16, got {activations}");
        var g = floatGraph.Clone();
        var notes = new List<string>();
        if (OpsetUpgrade.To13(g) is { } note) notes.Add(note);
        if (activations == DataType.Int16 && OpsetUpgrade.To21(g) is { } note21) notes.Add(note21);
        var names = new FreshNames(g);
        var parameters = ActivationParams(plan, ranges, activations);
        var producers = g.Producers();
        var originalOutputs = g.Nodes.ToDictionary(n => n, n => n.Outputs.ToList());
        var before = new Dictionary<Node, List<Node>>();
        var after = new Dictionary<string, List<Node>>();

        foreach (var n in g.Nodes)
        {
            if (!plan.Nodes.TryGetValue(n.Name, out var role)) continue;
            if (role == QdqRole.Weighted) before[n] = QuantizeWeights(g, n, parameters[n.Inputs[0]], perChannel, names, inputMoments?.GetValueOrDefault(n.Name));
            else if (role == QdqRole.Elementwise) before[n] = QuantizeConstantOperands(g, n, names);
            else if (role == QdqRole.WeightOnly) before[n] = QuantizeRecurrentWeights(g, n, names);
        }

        var dequantized = new Dictionary<string, string>();
        foreach (var t in plan.Tensors)
        {
            var p = parameters[t];
            var producer = producers.GetValueOrDefault(t);
            bool int8Producer = producer != null && plan.Nodes.ContainsKey(producer.Name);
            bool isOutput = g.Outputs.Any(o => o.Name == t);
            string qInput = t, dqOutput;
            if (int8Producer && isOutput)
            {
                // Keep the graph output's name on the float value the model returns: the DQ's.
                qInput = names.Next(t + "_float");
                producer!.Outputs[producer.Outputs.IndexOf(t)] = qInput;
                dqOutput = t;
            }
            else dqOutput = names.Next(t + "_dequantized");

            var scale = Add(g, names.Next(t + "_scale"), Tensor.Scalar(p.Scale));
            var zero = Add(g, names.Next(t + "_zero_point"), p.Type == DataType.Int16
                ? new Tensor(DataType.Int16, Array.Empty<int>(), new[] { (short)p.ZeroPoint })
                : new Tensor(DataType.Int8, Array.Empty<int>(), new[] { (sbyte)p.ZeroPoint }));
            var quantized = names.Next(t + "_quantized");
            var pair = new List<Node>
            {
                new(names.Next(t + "_QuantizeLinear"), "QuantizeLinear", new[] { qInput, scale, zero }, new[] { quantized }),
                new(names.Next(t + "_DequantizeLinear"), "DequantizeLinear", new[] { quantized, scale, zero }, new[] { dqOutput }),
            };
            after[t] = pair;
            if (dqOutput != t)
                foreach (var reader in g.Nodes)
                    if (int8Producer || plan.Nodes.ContainsKey(reader.Name))
                        for (int k = 0; k < reader.Inputs.Count; k++)
                            if (reader.Inputs[k] == t) reader.Inputs[k] = dqOutput;
            dequantized[t] = dqOutput;
        }

        var ordered = new List<Node>();
        foreach (var i in g.Inputs) if (after.TryGetValue(i.Name, out var l)) ordered.AddRange(l);
        foreach (var n in g.Nodes)
        {
            if (before.TryGetValue(n, out var b)) ordered.AddRange(b);
            ordered.Add(n);
            foreach (var o in originalOutputs[n]) if (after.TryGetValue(o, out var a)) ordered.AddRange(a);
        }
        g.Nodes.Clear();
        g.Nodes.AddRange(ordered);
        RemoveUnusedInitializers(g);
        g.ValueInfos.Clear();
        new ShapeInferencePass(lenient: true).Run(g);
        return new QdqModel(g, plan, parameters, dequantized, notes);
    }

    /// <summary>
    /// Asymmetric int8 (or symmetric int16 over Int16Activations.Headroom times the range) per
    /// activation from its calibrated range; pass-through outputs reuse their input's.
    /// </summary>
    private static Dictionary<string, QuantParams> ActivationParams(QuantizationPlan plan, IReadOnlyDictionary<string, TensorRange> ranges, DataType type)
    {
        var result = new Dictionary<string, QuantParams>();
        foreach (var t in plan.Tensors.Where(t => !plan.SharesParamsWith.ContainsKey(t)))
        {
            if (!ranges.TryGetValue(t, out var r)) throw new InvalidOperationException($"tensor '{t}' was not calibrated");
            result[t] = type == DataType.Int16
                ? QuantParams.SymmetricInt16(r.Min * Int16Activations.Headroom, r.Max * Int16Activations.Headroom)
                : QuantParams.Asymmetric(r.Min, r.Max);
        }
        foreach (var (t, root) in plan.SharesParamsWith) result[t] = result[root];
        return result;
    }

    /// <summary>Replaces the weight (and bias) inputs of a Conv/Gemm/MatMul with DequantizeLinear of int8 (int32) constants.</summary>
    private static List<Node> QuantizeWeights(ModelGraph g, Node n, QuantParams input, bool perChannel, FreshNames names, double[,]? inputMoments)
    {
        var w = g.Initializers[n.Inputs[1]];
        float[]? bias = n.HasInput(2) ? g.Initializers[n.Inputs[2]].Floats : null;
        int axis = n.OpType == "Conv" || n.OpType == "Gemm" && n.GetInt("transB", 0) != 0 ? 0 : 1;
        if (n.OpType == "Gemm")
        {
            // alpha * A B + beta * C: fold the factors into the constants so the integer op is a plain A B + C.
            float alpha = n.GetFloat("alpha", 1f), beta = n.GetFloat("beta", 1f);
            if (alpha != 1f) w = Tensor.FromFloats(w.Shape, w.Floats.Select(v => v * alpha).ToArray());
            if (bias != null && beta != 1f) bias = bias.Select(v => v * beta).ToArray();
            n.Attributes.Remove("alpha"); n.Attributes.Remove("beta");
        }
        var q = WeightQuantizer.Quantize(w, axis, bias, input.Scale, perChannel, inputMoments);
        var nodes = new List<Node>();
        int channels = w.Shape[axis];
        var weightName = n.Inputs[1];
        n.Inputs[1] = Dequantize(g, nodes, names, weightName, new Tensor(DataType.Int8, w.Shape, q.Weights), q.WeightScales,
            new Tensor(DataType.Int8, perChannel ? new[] { channels } : Array.Empty<int>(), new sbyte[perChannel ? channels : 1]), perChannel ? axis : null);
        if (bias != null)
        {
            var biasName = n.Inputs[2];
            n.Inputs[2] = Dequantize(g, nodes, names, biasName, Tensor.FromInt32s(new[] { channels }, q.Bias!), q.BiasScales!,
                Tensor.FromInt32s(perChannel ? new[] { channels } : Array.Empty<int>(), new int[perChannel ? channels : 1]), perChannel ? 0 : null);
        }
        return nodes;
    }

    /// <summary>
    /// W and R of an LSTM/GRU/RNN ([directions, gates x hidden, inputs]) as symmetric int8 with one
    /// scale per gate row (per tensor when there are two directions: DequantizeLinear has one axis).
    /// </summary>
    private static List<Node> QuantizeRecurrentWeights(ModelGraph g, Node n, FreshNames names)
    {
        var nodes = new List<Node>();
        foreach (int k in new[] { 1, 2 })
        {
            var w = g.Initializers[n.Inputs[k]];
            bool perRow = w.Shape[0] == 1;
            var q = WeightQuantizer.Quantize(w, axis: 1, bias: null, inputScale: 1f, perChannel: perRow);
            var scales = q.WeightScales;
            n.Inputs[k] = Dequantize(g, nodes, names, n.Inputs[k], new Tensor(DataType.Int8, w.Shape, q.Weights), scales,
                new Tensor(DataType.Int8, perRow ? new[] { scales.Length } : Array.Empty<int>(), new sbyte[perRow ? scales.Length : 1]), perRow ? 1 : null);
        }
        return nodes;
    }

    /// <summary>Constant inputs of Add/Mul as asymmetric int8 behind a DequantizeLinear.</summary>
    private static List<Node> QuantizeConstantOperands(ModelGraph g, Node n, FreshNames names)
    {
        var nodes = new List<Node>();
        for (int k = 0; k < n.Inputs.Count; k++)
        {
            if (!g.Initializers.TryGetValue(n.Inputs[k], out var c)) continue;
            var (values, p) = WeightQuantizer.Constant(c);
            n.Inputs[k] = Dequantize(g, nodes, names, n.Inputs[k], new Tensor(DataType.Int8, c.Shape, values), new[] { p.Scale },
                new Tensor(DataType.Int8, Array.Empty<int>(), new[] { (sbyte)p.ZeroPoint }), null);
        }
        return nodes;
    }

    private static string Dequantize(ModelGraph g, List<Node> nodes, FreshNames names, string baseName, Tensor quantized, float[] scales, Tensor zeroPoint, int? axis)
    {
        var q = Add(g, names.Next(baseName + "_quantized"), quantized);
        var s = Add(g, names.Next(baseName + "_scale"), axis == null ? Tensor.Scalar(scales[0]) : Tensor.FromFloats(new[] { scales.Length }, scales));
        var z = Add(g, names.Next(baseName + "_zero_point"), zeroPoint);
        var output = names.Next(baseName + "_dequantized");
        var dq = new Node(names.Next(baseName + "_DequantizeLinear"), "DequantizeLinear", new[] { q, s, z }, new[] { output });
        if (axis is int a) dq.With(NodeAttribute.Of("axis", (long)a));
        nodes.Add(dq);
        return output;
    }

    private static string Add(ModelGraph g, string name, Tensor t) { g.Initializers[name] = t; return name; }

    private static void RemoveUnusedInitializers(ModelGraph g)
    {
        var read = new HashSet<string>(g.Nodes.SelectMany(n => n.Inputs.Concat(ModelGraph.SubgraphCaptures(n))).Concat(g.Outputs.Select(o => o.Name)));
        foreach (var k in g.Initializers.Keys.Where(k => !read.Contains(k)).ToList()) g.Initializers.Remove(k);
    }
}
