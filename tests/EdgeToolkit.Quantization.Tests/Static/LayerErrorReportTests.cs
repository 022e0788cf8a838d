using EdgeToolkit.Graph;
using EdgeToolkit.Quantization.Report;
using EdgeToolkit.Quantization.Sources;
using static EdgeToolkit.Quantization.Tests.Static.StaticTestGraphs;

namespace EdgeToolkit.Quantization.Tests.Static;

/// <summary>The per-tensor report against the same figures measured independently in ONNX Runtime.</summary>
public class LayerErrorReportTests
{
    [Fact]
    public void OutputRowAgreesWithOnnxRuntimeAndRowsAreWorstFirst()
    {
        var q = Calibrate(Mixed());
        var model = q.Build(new HashSet<string>());
        var inputs = new RandomSource(5).Samples(Mixed(), 12).ToList();
        var rows = LayerErrorReport.Measure(q.FloatGraph, model, inputs);

        // y: the fake-quant evaluator against ORT running the QDQ file, output y alone.
        using var reference = new EdgeToolkit.Onnx.OrtSession(Mixed());
        using var quantized = new EdgeToolkit.Onnx.OrtSession(model.Graph);
        var stats = new ErrorStatistics();
        foreach (var x in inputs) stats.Add(reference.Run(x)["y"].Floats, quantized.Run(x)["y"].Floats);
        var y = rows.Single(r => r.Tensor == "y");
        Assert.Equal("add", y.Node);
        Assert.Equal(stats.SqnrDb!.Value, y.SqnrDb!.Value, 0.5);
        Assert.Equal(stats.MaxAbsError, y.MaxAbsError, 2);

        // Every quantized activation has a row with its parameters; worst first.
        Assert.Equal(model.Plan.Tensors.OrderBy(t => t), rows.Select(r => r.Tensor).OrderBy(t => t));
        var relu = rows.Single(r => r.Tensor == "relu_out");
        Assert.Equal(("conv", "Conv+Relu"), (relu.Node, relu.Op));
        Assert.Equal(model.Activations["relu_out"].Scale, relu.Scale);
        Assert.Equal(-128, relu.ZeroPoint);   // Relu output starts at 0: the zero point sits at the bottom
        Assert.Equal("input", rows.Single(r => r.Tensor == "x").Op);
        var sqnrs = rows.Select(r => r.SqnrDb ?? double.PositiveInfinity).ToList();
        Assert.Equal(sqnrs.OrderBy(v => v), sqnrs);
    }

    [Fact]
    public void SqnrOfHandComputedErrors()
    {
        var s = new ErrorStatistics();
        s.Add(new[] { 3f, 4f }, new[] { 3f, 4.5f });
        // signal 9 + 16 = 25, noise 0.25: 10 log10(100) = 20 dB.
        Assert.Equal(20, s.SqnrDb!.Value, 9);
        Assert.Equal(0.5, s.MaxAbsError, 9);
        var exact = new ErrorStatistics();
        exact.Add(new[] { 1f }, new[] { 1f });
        Assert.Null(exact.SqnrDb);
    }
}
