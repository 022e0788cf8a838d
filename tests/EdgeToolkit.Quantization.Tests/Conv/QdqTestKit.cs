using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>Lowering, graph surgery, inputs and comparisons the conv/elementwise tests share.</summary>
public static class QdqTestKit
{
    /// <summary>The standard pipeline (QDQ lowering, folding, fusion) on a copy.</summary>
    public static ModelGraph Lower(ModelGraph qdq)
    {
        var g = qdq.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(g);
        return g;
    }

    /// <summary>Op types of the nodes in order, fused post-ops as "+Op".</summary>
    public static List<string> OpTypes(ModelGraph g) =>
        g.Nodes.SelectMany(n => new[] { n.OpType }.Concat(n.Fused.Select(f => "+" + f.OpType))).ToList();

    /// <summary>
    /// The integer core of a lowered graph: each float input that only a QuantizeLinear reads
    /// becomes an int8 input (the Q's output), each output a DequantizeLinear writes becomes its
    /// int8 input. What runs on a target when the application deals in int8.
    /// </summary>
    public static ModelGraph Int8Core(ModelGraph lowered)
    {
        var g = lowered.Clone();
        for (int i = 0; i < g.Inputs.Count; i++)
        {
            var readers = g.Nodes.Where(n => n.Inputs.Contains(g.Inputs[i].Name)).ToList();
            if (readers is not [{ OpType: "QuantizeLinear" } q]) continue;
            g.Nodes.Remove(q);
            g.Inputs[i] = g.GetInfo(q.Outputs[0]);
        }
        for (int o = 0; o < g.Outputs.Count; o++)
        {
            var dq = g.Nodes.FirstOrDefault(n => n.Outputs.Contains(g.Outputs[o].Name));
            if (dq is not { OpType: "DequantizeLinear" }) continue;
            g.Nodes.Remove(dq);
            g.Outputs[o] = g.GetInfo(dq.Inputs[0]);
        }
        foreach (var name in g.Initializers.Keys.Where(k => !g.Nodes.Any(n => n.Inputs.Contains(k) || n.Fused.Any(f => f.Inputs.Contains(k)))).ToList())
            g.Initializers.Remove(name);
        ShapeInference.Run(g);
        return g;
    }

    public static List<Dictionary<string, Tensor>> FloatInputs(ModelGraph g, int count, int seed, float limit = 1f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => g.Inputs.ToDictionary(i => i.Name, i =>
        {
            var shape = i.Shape.ToConcrete();
            var v = new float[Tensor.ElementCountOf(shape)];
            for (int k = 0; k < v.Length; k++) v[k] = (float)(rng.NextDouble() * 2 - 1) * limit;
            return Tensor.FromFloats(shape, v);
        })).ToList();
    }

    public static List<Dictionary<string, Tensor>> Int8Inputs(ModelGraph g, int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => g.Inputs.ToDictionary(i => i.Name, i =>
        {
            var shape = i.Shape.ToConcrete();
            var v = new sbyte[Tensor.ElementCountOf(shape)];
            for (int k = 0; k < v.Length; k++) v[k] = (sbyte)rng.Next(-128, 128);
            return new Tensor(DataType.Int8, shape, v);
        })).ToList();
    }

    /// <summary>
    /// Runs the QDQ graph in ONNX Runtime and the lowered graph in the evaluator on the same float
    /// inputs; returns (elements within one quantization step of the output, all elements).
    /// </summary>
    public static (int Close, int Total) AgreementWithOrt(ModelGraph qdq, ModelGraph lowered, IEnumerable<Dictionary<string, Tensor>> inputs, float outputScale)
    {
        using var ort = new OrtSession(OnnxExporter.ToBytes(qdq));
        int close = 0, total = 0;
        var distinct = new HashSet<float>();
        foreach (var feed in inputs)
        {
            var expected = ort.Run(feed);
            var ours = Evaluator.Run(lowered, feed);
            foreach (var (name, t) in expected)
            {
                var a = t.Floats;
                var b = ours[name].Floats;
                Assert.Equal(a.Length, b.Length);
                for (int i = 0; i < a.Length; i++)
                {
                    total++;
                    distinct.Add(a[i]);
                    if (Math.Abs(a[i] - b[i]) <= outputScale * 1.001f) close++;
                }
            }
        }
        // A constant output (everything clipped, say) would agree without testing anything.
        Assert.True(distinct.Count >= 8, $"ONNX Runtime's outputs take only {distinct.Count} values");
        return (close, total);
    }

    /// <summary>The scale of the QuantizeLinear in front of the graph's (dequantized) output.</summary>
    public static float OutputScale(ModelGraph qdq)
    {
        var dq = qdq.Nodes.Single(n => n.Outputs.Contains(qdq.Outputs[0].Name));
        return qdq.Initializers[dq.Inputs[1]].Floats[0];
    }
}
