using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Tests.Models;
using EdgeToolkit.Tflite.Tests.Reference;
using Xunit.Abstractions;

namespace EdgeToolkit.Tflite.Tests;

public class FloatModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cnn")]
    [InlineData("ops")]
    public void Float_model_agrees_with_arm_nn_and_onnx_runtime(string model)
    {
        var bytes = model == "cnn" ? TestModels.FloatCnn() : TestModels.FloatOps();
        var graph = TfliteImporter.Load(bytes, $"float_{model}.tflite");
        var input = Inputs.For(graph.Inputs[0], seed: 3);
        var run = ThreeWayRun.Of(graph, new[] { input });
        for (int k = 0; k < graph.Outputs.Count; k++)
        {
            AssertClose(run.OnnxRuntime[k], run.Imported[k], 1e-5, $"{graph.Outputs[k].Name}: evaluator vs ONNX Runtime");
            AssertClose(run.OnnxRuntime[k], run.Compiled[k], 1e-5, $"{graph.Outputs[k].Name}: compiled graph vs ONNX Runtime");
        }
        if (ArmNnReference.Unavailable is { } why) { output.WriteLine("SKIPPED the Arm NN comparison: " + why); return; }
        var armNn = ArmNnReference.Run(bytes, new[] { input }, graph.Outputs);
        for (int k = 0; k < graph.Outputs.Count; k++)
            AssertClose(armNn[k], run.Compiled[k], 1e-5, $"{graph.Outputs[k].Name}: compiled graph vs Arm NN");
    }

    internal static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double worst = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(expected.GetDouble(i) - actual.GetDouble(i)));
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:G4} exceeds {tolerance:G4}");
    }
}
