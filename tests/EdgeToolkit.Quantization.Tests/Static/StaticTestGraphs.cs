using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Report;
using EdgeToolkit.Quantization.Sources;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>Small float graphs with every role the quantizer knows, and helpers to inspect and run QDQ graphs.</summary>
public static class StaticTestGraphs
{
    /// <summary>
    /// x[1,2,8,8] -> conv (3x3, pad 1, bias) -> relu -> maxpool 2x2 -> flatten -> gemm1 (transB=1, bias) -> tanh
    /// -> matmul [10,6] -> scale (Mul by a constant) -> sigmoid; relu -> globalaveragepool -> reshape [1,4] -> gemm2
    /// (transB=0, no bias); y = sigmoid + gemm2; p = softmax(scale).
    /// </summary>
    public static ModelGraph Mixed(int seed = 1)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder("mixed");
        var x = b.Input("x", DataType.Float32, 1, 2, 8, 8);
        var c = b.OpNamed("conv", "Conv", new[] { x, b.Constant("conv.w", ExampleModels.Uniform(rng, new[] { 4, 2, 3, 3 }, 0.5f)), b.Constant("conv.b", ExampleModels.Uniform(rng, new[] { 4 }, 0.2f)) },
            NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }), NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 }));
        var r = b.OpNamed("relu", "Relu", new[] { c });
        var m = b.OpNamed("pool", "MaxPool", new[] { r }, NodeAttribute.Of("kernel_shape", new long[] { 2, 2 }), NodeAttribute.Of("strides", new long[] { 2, 2 }));
        var f = b.OpNamed("flatten", "Flatten", new[] { m }, NodeAttribute.Of("axis", 1L));
        var g1 = b.OpNamed("gemm1", "Gemm", new[] { f, b.Constant("gemm1.w", ExampleModels.Uniform(rng, new[] { 10, 64 }, 0.25f)), b.Constant("gemm1.b", ExampleModels.Uniform(rng, new[] { 10 }, 0.2f)) },
            NodeAttribute.Of("transB", 1L));
        var t = b.OpNamed("tanh", "Tanh", new[] { g1 });
        var mm = b.OpNamed("matmul", "MatMul", new[] { t, b.Constant("matmul.w", ExampleModels.Uniform(rng, new[] { 10, 6 }, 0.6f)) });
        var a = b.OpNamed("scale", "Mul", new[] { mm, b.Constant("scale.c", ExampleModels.Uniform(rng, new[] { 6 }, 2f)) });
        var s = b.OpNamed("sigmoid", "Sigmoid", new[] { a });
        var gp = b.OpNamed("gap", "GlobalAveragePool", new[] { r });
        var gr = b.OpNamed("reshape", "Reshape", new[] { gp, b.Constant("reshape.shape", Tensor.Vector(1L, 4L)) });
        var g2 = b.OpNamed("gemm2", "Gemm", new[] { gr, b.Constant("gemm2.w", ExampleModels.Uniform(rng, new[] { 4, 6 }, 0.8f)) });
        var y = b.OpNamed("add", "Add", new[] { s, g2 });
        var p = b.OpNamed("softmax", "Softmax", new[] { a }, NodeAttribute.Of("axis", -1L));
        b.Output(b.Rename(y, "y"));
        b.Output(b.Rename(p, "p"));
        return b.Graph;
    }

    public static StaticQuantizer Calibrate(ModelGraph g, ICalibrationSource? source = null, bool perChannel = true, int samples = 64, IReadOnlyCollection<string>? exclude = null) =>
        StaticQuantizer.Calibrate(g, source ?? new RandomSource(1), new StaticQuantizationOptions
        {
            PerChannel = perChannel, CalibrationSamples = samples, ReportSamples = 16, Exclude = exclude ?? Array.Empty<string>(),
        });

    /// <summary>Output SQNR (dB, all float outputs together) of `model` against `reference`, both in ONNX Runtime.</summary>
    public static (double? SqnrDb, double MaxAbsError) CompareInOrt(ModelGraph reference, ModelGraph model, IEnumerable<IReadOnlyDictionary<string, Tensor>> inputs)
    {
        using var r = new OrtSession(reference);
        using var q = new OrtSession(model);
        var stats = new ErrorStatistics();
        foreach (var x in inputs)
        {
            var expected = r.Run(x);
            var got = q.Run(x);
            foreach (var (name, e) in expected) stats.Add(e.Floats, got[name].ToFloatArray());
        }
        return (stats.SqnrDb, stats.MaxAbsError);
    }

    public static Node Node(ModelGraph g, string name) => g.Nodes.Single(n => n.Name == name);
    public static Node? Producer(ModelGraph g, string value) => g.Nodes.SingleOrDefault(n => n.Outputs.Contains(value));
    public static List<Node> Readers(ModelGraph g, string value) => g.Nodes.Where(n => n.Inputs.Contains(value)).ToList();
}
