using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Export;
using EdgeToolkit.Training.Import;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace EdgeToolkit.Training.Tests.Export;

/// <summary>Graph -> TorchSharp -> Graph: the imported module and its re-export compute what the original graph does (ONNX Runtime as the reference).</summary>
public class ImportRoundTripTests
{
    [Fact]
    public void Cnn2dGraphRoundTripsThroughTorchSharp()
    {
        TorchRuntime.Initialize(21);
        var source = Sequential(
            ("conv1", Conv2d(1, 6, 3, padding: 1)), ("bn1", BatchNorm2d(6)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(6, 8, 3, stride: 2, padding: 2, dilation: 2, groups: 2, bias: false)), ("bn2", BatchNorm2d(8)), ("tanh", Tanh()),
            ("avg", AvgPool2d(2, stride: 1, padding: 1, count_include_pad: false)),
            ("gap", AdaptiveAvgPool2d(1)), ("flat", Flatten()), ("fc", Linear(8, 3)), ("sig", Sigmoid()));
        ExportParity.WarmBatchNorm(source, () => torch.randn(6, 1, 12, 12) + 1);
        AssertRoundTrip(TorchExporter.Export(source, "cnn2d", "x", new long[] { 2, 1, 12, 12 }), torch.rand(2, 1, 12, 12));
    }

    [Fact]
    public void Cnn1dGraphRoundTripsThroughTorchSharp()
    {
        TorchRuntime.Initialize(22);
        var source = Sequential(
            ("conv1", Conv1d(2, 4, 5, stride: 2, padding: 1)), ("bn1", BatchNorm1d(4)), ("relu", ReLU()),
            ("pool", MaxPool1d(3, stride: 2, ceil_mode: true)), ("avg", AvgPool1d(2)),
            ("flat", Flatten()), ("fc", Linear(4 * 2, 5)), ("leaky", LeakyReLU(0.2)), ("fc2", Linear(5, 2)));
        ExportParity.WarmBatchNorm(source, () => torch.randn(6, 2, 20) * 2);
        AssertRoundTrip(TorchExporter.Export(source, "cnn1d", "x", new long[] { 3, 2, 20 }), torch.randn(3, 2, 20));
    }

    [Fact]
    public void MatMulAddGemmWithoutTransposeAndReshapeImport()
    {
        TorchRuntime.Initialize(23);
        var b = new GraphBuilder("dense");
        var x = b.Input("x", DataType.Float32, 2, 3, 2, 2);
        var flat = b.OpNamed("flat", "Reshape", new[] { x, b.Constant("flat_shape", Tensor.Vector(0L, -1L)) });
        var mm = b.OpNamed("mm", "MatMul", new[] { flat, b.Constant("w1", Random(12, 5)) });
        var add = b.OpNamed("add", "Add", new[] { b.Constant("b1", Random(5)), mm });
        var relu = b.OpNamed("relu", "Relu", new[] { add });
        var gemm = b.OpNamed("gemm", "Gemm", new[] { relu, b.Constant("w2", Random(5, 4)), b.Constant("b2", Random(1, 4)) },
            NodeAttribute.Of("alpha", 0.5f), NodeAttribute.Of("beta", 2f));
        b.Output(b.Rename(gemm, "y"));
        var module = AssertRoundTrip(b.Graph, torch.randn(2, 3, 2, 2));
        Assert.Equal(4, module.children().Count()); // Flatten, Linear (MatMul+Add), ReLU, Linear
    }

    [Fact]
    public void UnsupportedNodeIsNamedInTheError()
    {
        var b = new GraphBuilder("softmax");
        var x = b.Input("x", DataType.Float32, 1, 4);
        var fc = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", Random(4, 4)) });
        b.Output(b.OpNamed("probabilities", "Softmax", new[] { fc }, NodeAttribute.Of("axis", 1L)));
        var e = Assert.Throws<EdgeToolkitException>(() => TorchImporter.Import(b.Graph));
        Assert.Equal("probabilities", e.NodeName);
        Assert.Equal("Softmax", e.Op);
        Assert.True(e.Unsupported);
    }

    /// <summary>Imports the graph, checks torch forward and the re-exported graph against ORT on the original.</summary>
    private static Module<torch.Tensor, torch.Tensor> AssertRoundTrip(ModelGraph graph, torch.Tensor x)
    {
        var reference = ExportParity.RunOrt(graph, x);
        var module = TorchImporter.Import(graph);
        module.eval();
        using (torch.no_grad()) ExportParity.AssertClose(reference, module.forward(x).data<float>().ToArray(), "imported TorchSharp vs ORT on the original graph");
        var again = TorchExporter.Export(module, "again", "x", x.shape);
        ExportParity.AssertClose(reference, ExportParity.RunOrt(again, x), "ORT on the re-exported graph vs the original");
        return module;
    }

    private static int _seed = 5;
    private static Tensor Random(params int[] shape)
    {
        var rng = new Random(_seed++);
        var n = shape.Aggregate(1, (a, d) => a * d);
        return Tensor.FromFloats(shape, Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray());
    }
}
