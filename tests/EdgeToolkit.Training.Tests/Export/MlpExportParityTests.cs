using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training;
using EdgeToolkit.Training.Export;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace EdgeToolkit.Training.Tests.Export;

public class MlpExportParityTests
{
    [Fact]
    public void ExportedMlpMatchesTorchSharpInOnnxRuntime()
    {
        TorchRuntime.Initialize(3);
        var net = Sequential(("fc1", Linear(5, 16)), ("act1", Tanh()), ("fc2", Linear(16, 8)), ("act2", ReLU()), ("fc3", Linear(8, 2)));
        net.eval();
        var x = torch.randn(4, 5);
        var expected = net.forward(x).data<float>().ToArray();

        var graph = TorchExporter.Export(net, "mlp", "x", new long[] { 4, 5 });
        var outputs = OrtRunner.Run(graph, new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 4, 5 }, x.data<float>().ToArray()) });
        var actual = outputs["y"].Floats;

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"element {i}: torch {expected[i]} vs ORT {actual[i]}");
        Assert.Equal(new[] { "Gemm", "Tanh", "Gemm", "Relu", "Gemm" }, graph.Nodes.Select(n => n.OpType));
    }
}
