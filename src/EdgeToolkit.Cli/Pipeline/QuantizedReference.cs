using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;


namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// What verify checks on a quantized model, besides ONNX Runtime: the generated C equals the C#
/// integer evaluator of the compiled graph bit for bit, and agrees with ONNX Runtime running the
/// QDQ model within one quantization step of each output on at least 99% of the elements (the
/// requantisation is TFLite's fixed-point arithmetic; ORT rescales in float, so ties may round apart).
/// </summary>
public static class QuantizedReference
{
    public const double AllowedMismatchFraction = 0.01;

    private static readonly HashSet<string> QuantizedOps = new()
    {
        "QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearMatMul", "MatMulInteger", "ConvInteger", "DynamicQuantizeLinear",
    };

    public static bool IsQuantized(ModelGraph g) => g.Nodes.Any(n => n.Domain == "edgetk" || (n.Domain.Length == 0 && QuantizedOps.Contains(n.OpType)));

    /// <summary>
    /// Why the C# evaluator is not a bit-exact reference for the compiled graph, or null when it is.
    /// Not for dynamically quantized models (DynamicQuantizeLinear), whose products run in int8
    /// between float layers (LayerNorm, Softmax, float MatMul) that the evaluator computes in double,
    /// nor where a recurrent layer with int8 weights (float arithmetic, evaluated in double) feeds
    /// anything but a QuantizeLinear, whose rounding would otherwise absorb the last-bit differences.
    /// Those are checked against ONNX Runtime like any float model.
    /// </summary>
    public static string? NotBitExactBecause(ModelGraph compiled)
    {
        if (compiled.Nodes.Any(n => n is { OpType: "DynamicQuantizeLinear", Domain: "" }))
            return "a dynamically quantized model runs float layers between its int8 products, which the C# evaluator computes in double";
        var readers = compiled.Consumers();
        var outputs = compiled.Outputs.Select(o => o.Name).ToHashSet();
        foreach (var n in compiled.Nodes.Where(n => n.Domain == "edgetk" && n.OpType is "LSTM" or "GRU" or "RNN"))
            foreach (var y in n.Outputs.Where(y => y.Length > 0))
                if (outputs.Contains(y) || readers.GetValueOrDefault(y)?.Any(r => r.OpType != "QuantizeLinear") == true)
                    return $"{n.OpType} '{n.Name}' computes in float with int8 weights and its result is used unquantized; the C# evaluator computes it in double";
        return null;
    }

    /// <summary>Output name -> its quantization step: the scale of the per-tensor DequantizeLinear that produces it.</summary>
    public static Dictionary<string, double> OutputSteps(ModelGraph source)
    {
        var producers = source.Producers();
        var steps = new Dictionary<string, double>();
        foreach (var o in source.Outputs)
            if (producers.TryGetValue(o.Name, out var p) && p.OpType == "DequantizeLinear" && p.Domain.Length == 0
                && source.Initializers.TryGetValue(p.Inputs[1], out var scale) && scale.Type == DataType.Float32 && scale.Length == 1)
                steps[o.Name] = scale.Floats[0];
        return steps;
    }

    /// <summary>A comparison with ORT that allows one step per quantized output and 1% disagreeing elements.</summary>
    public static OutputComparison OrtComparison(ModelGraph source, double atol, double rtol) => new(atol, rtol)
    {
        // A hair above one step: both sides dequantize integers, so a one-step difference is exactly one scale up to the
        // float rounding of the two values, up to 2^-23 |q| steps: 2^-8 of a step for int16 codes (|q| <= 2^15).
        OutputAtol = OutputSteps(source).ToDictionary(kv => kv.Key, kv => kv.Value * (1 + 1.0 / 128) + 1e-12),
        AllowedMismatchFraction = AllowedMismatchFraction,
    };

    /// <summary>The C outputs against the C# evaluator of the same compiled graph: every element equal.</summary>
    public static OutputComparison CompareWithEvaluator(ModelGraph compiled, IReadOnlyList<Dictionary<string, Tensor>> cases,
        IReadOnlyList<IReadOnlyDictionary<string, Tensor>> outputs, IReadOnlyList<StatePair>? statePairs = null)
    {
        var cmp = new OutputComparison(0, 0);
        var evaluated = StreamFeed.Run(cases, statePairs ?? Array.Empty<StatePair>(), c => new Dictionary<string, Tensor>(Evaluator.Run(compiled, c)));
        for (int k = 0; k < cases.Count; k++)
        {
            foreach (var (name, value) in evaluated[k])
            {
                if (!outputs[k].TryGetValue(name, out var actual)) { cmp.AddProblem($"case {k}: the C build gave no output '{name}'"); continue; }
                cmp.Add(name, actual, value, k);
            }
        }
        return cmp;
    }
}
