using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Tflite.Tests.Models;
using EdgeToolkit.Tflite.Tests.Reference;
using Xunit.Abstractions;

namespace EdgeToolkit.Tflite.Tests;

public class QuantizedModelTests(ITestOutputHelper output)
{
    /// <summary>The softmax output's quantization step (TFLite fixes it at 1/256).</summary>
    private const double Step = 1.0 / 256;

    [Fact]
    public void Int8_model_lowers_to_integer_kernels()
    {
        var graph = TfliteImporter.Load(TestModels.Int8Cnn(), "int8_cnn.tflite");
        PassPipeline.Standard(new PipelineOptions()).Run(graph);
        var integerOps = graph.Nodes.Where(n => n.Domain == "edgetk").Select(n => n.OpType).ToList();
        output.WriteLine("compiled: " + string.Join(", ", graph.Nodes.Select(n => n.OpType + (n.Fused.Count > 0 ? "+" + string.Join("+", n.Fused.Select(f => f.OpType)) : ""))));
        Assert.Equal(2, integerOps.Count(o => o == "QConv"));   // the conv and the depthwise conv, per-channel weights
        Assert.Contains("QGemm", integerOps);
        Assert.DoesNotContain(graph.Nodes, n => n.OpType is "Conv" or "Gemm" or "MaxPool");
    }

    [Theory]
    [InlineData("int8", false)]
    [InlineData("int8 io", true)]
    [InlineData("int8 per-tensor", false)]
    [InlineData("uint8", false)]
    public void Quantized_model_is_within_one_step_of_arm_nn(string model, bool integerIo)
    {
        var bytes = model switch
        {
            "uint8" => TestModels.UInt8Cnn(),
            "int8 per-tensor" => TestModels.Int8Cnn(perChannel: false),
            _ => TestModels.Int8Cnn(integerIo),
        };
        var graph = TfliteImporter.Load(bytes, "int8_cnn.tflite");
        double step = integerIo ? 1 : Step;   // int8 outputs compare codes
        for (int seed = 1; seed <= 3; seed++)
        {
            var input = Inputs.For(graph.Inputs[0], seed);
            var run = ThreeWayRun.Of(graph, new[] { input });
            FloatModelTests.AssertClose(run.OnnxRuntime[0], run.Imported[0], step * 1.001, "QDQ evaluator vs ONNX Runtime");
            FloatModelTests.AssertClose(run.OnnxRuntime[0], run.Compiled[0], step * 1.001, "integer kernels vs ONNX Runtime");
            if (ArmNnReference.Unavailable is { } why) { output.WriteLine("SKIPPED the Arm NN comparison: " + why); continue; }
            var armNn = ArmNnReference.Run(bytes, new[] { input }, graph.Outputs);
            output.WriteLine($"seed {seed}: Arm NN [{string.Join(", ", armNn[0].ToFloatArray())}], ours [{string.Join(", ", run.Compiled[0].ToFloatArray())}]");
            FloatModelTests.AssertClose(armNn[0], run.Compiled[0], step * 1.001, "integer kernels vs Arm NN");
        }
    }
}
