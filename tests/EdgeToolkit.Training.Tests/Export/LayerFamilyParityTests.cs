using TorchSharp;
using static TorchSharp.torch.nn;

namespace EdgeToolkit.Training.Tests.Export;

/// <summary>Each layer family the zoo uses: TorchSharp forward vs ONNX Runtime on the exported graph, within 1e-5.</summary>
public class LayerFamilyParityTests
{
    [Fact]
    public void Cnn1dWithStrideDilationGroupsBatchNormAndPools()
    {
        TorchRuntime.Initialize(11);
        var net = Sequential(
            ("conv1", Conv1d(3, 8, 5, stride: 2, padding: 2)),
            ("bn1", BatchNorm1d(8)),
            ("act1", LeakyReLU(0.1)),
            ("conv2", Conv1d(8, 8, 3, padding: 2, dilation: 2, groups: 4)),
            ("act2", SiLU()),
            ("pool1", MaxPool1d(3, stride: 2, padding: 1, ceil_mode: true)),
            ("conv3", Conv1d(8, 6, 3, bias: false)),
            ("pool2", AvgPool1d(2, padding: 1, count_include_pad: true)),
            ("flat", Flatten()),
            ("fc", Linear(6 * 5, 5)),
            ("out", LogSoftmax(1)));
        ExportParity.WarmBatchNorm(net, () => torch.randn(8, 3, 40) * 2 + 0.5);
        var graph = ExportParity.Check(net, torch.randn(4, 3, 40));
        Assert.Contains(graph.Nodes, n => n.OpType == "BatchNormalization");
        Assert.Equal(new long[] { 2 }, graph.Nodes.Single(n => n.Name == "conv2").GetInts("dilations"));
    }

    [Fact]
    public void Cnn2dWithBatchNormInEvalMode()
    {
        TorchRuntime.Initialize(12);
        var net = Sequential(
            ("conv1", Conv2d(2, 8, 3, padding: 1)),
            ("bn1", BatchNorm2d(8)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(8, 8, 3, stride: 2, padding: 1, groups: 2, bias: false)),
            ("bn2", BatchNorm2d(8)),
            ("gelu", GELU()),
            ("conv3", Conv2d(8, 12, 3, dilation: 2, padding: 2)),
            ("sig", Sigmoid()),
            ("avg", AvgPool2d(3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false)),
            ("tanh", Tanh()),
            ("gap", AdaptiveAvgPool2d(1)),
            ("flat", Flatten()),
            ("fc", Linear(12, 4)),
            ("softmax", Softmax(1)));
        ExportParity.WarmBatchNorm(net, () => torch.randn(8, 2, 13, 11) * 3 - 1);
        var graph = ExportParity.Check(net, torch.randn(3, 2, 13, 11));
        Assert.Equal(2, graph.Nodes.Count(n => n.OpType == "BatchNormalization"));
        Assert.Contains(graph.Nodes, n => n.OpType == "GlobalAveragePool");
        Assert.Contains(graph.Nodes, n => n.OpType == "Erf");
    }

    [Fact]
    public void LayerNormOverLastDimsAndPartialFlatten()
    {
        TorchRuntime.Initialize(13);
        var net = Sequential(
            ("fc1", Linear(6, 16)),
            ("ln1", LayerNorm(16)),
            ("gelu", GELU()),
            ("ln2", LayerNorm(new long[] { 5, 16 }, elementwise_affine: false)),
            ("flat", Flatten(0, 1)),
            ("fc2", Linear(16, 3)));
        // Give the affine parameters values other than 1 and 0, so that a dropped weight shows.
        using (torch.no_grad()) foreach (var p in net.parameters()) p.add_(torch.randn_like(p) * 0.3);
        var graph = ExportParity.Check(net, torch.randn(2, 5, 6) * 2);
        Assert.Equal(2, graph.Nodes.Count(n => n.OpType == "LayerNormalization"));
        Assert.Contains(graph.Nodes, n => n.OpType == "Reshape");
    }

    [Fact]
    public void EmbeddingGathersInt64Indices()
    {
        TorchRuntime.Initialize(14);
        var net = Sequential(("emb", Embedding(20, 8)), ("ln", LayerNorm(8)), ("fc", Linear(8, 4)), ("act", Tanh()));
        var graph = ExportParity.Check(net, torch.tensor(new long[] { 0, 19, 7, 7, 3, 12 }).reshape(2, 3));
        Assert.Equal(EdgeToolkit.Graph.DataType.Int64, graph.Inputs[0].Type);
        Assert.Equal("Gather", graph.Nodes[0].OpType);
    }
}
