using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Export;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Export;

/// <summary>TorchSharp forward vs ONNX Runtime on the exported graph.</summary>
internal static class ExportParity
{
    public const double Tolerance = 1e-5;

    /// <summary>Exports the module (in eval mode), runs both, asserts every element within tolerance; returns the graph.</summary>
    public static ModelGraph Check(torch.nn.Module<torch.Tensor, torch.Tensor> module, torch.Tensor x)
    {
        module.eval();
        float[] expected;
        using (torch.no_grad()) expected = module.forward(x).data<float>().ToArray();
        var graph = TorchExporter.Export(module, "parity", "x", x.shape);
        var actual = RunOrt(graph, x);
        AssertClose(expected, actual, "torch vs ORT");
        return graph;
    }

    public static float[] RunOrt(ModelGraph graph, torch.Tensor x)
    {
        var dims = x.shape.Select(d => (int)d).ToArray();
        var input = x.dtype == torch.int64 ? Tensor.FromInt64s(dims, x.data<long>().ToArray()) : Tensor.FromFloats(dims, x.contiguous().data<float>().ToArray());
        return OrtRunner.Run(graph, new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = input })[graph.Outputs[0].Name].Floats;
    }

    public static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= Tolerance, $"{what}: max abs difference {worst:G3} > {Tolerance}");
    }

    /// <summary>Gives BatchNorm layers non-trivial running statistics (a few training-mode passes on shifted data).</summary>
    public static void WarmBatchNorm(torch.nn.Module<torch.Tensor, torch.Tensor> module, Func<torch.Tensor> batch)
    {
        module.train();
        using (torch.no_grad()) for (int i = 0; i < 5; i++) module.forward(batch());
        module.eval();
    }
}
