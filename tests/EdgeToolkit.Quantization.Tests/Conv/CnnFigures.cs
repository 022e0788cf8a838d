using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Targets.Running;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// The convolution part of the built-in "cnn" (1x28x28 -> conv8 3x3 relu maxpool2 -> conv16 3x3
/// relu maxpool2), with its own weights, in int8 and in float: instructions per inference on
/// cortex-m4 (DSP kernel) and cortex-m0 (portable kernel), per layer too. Figures are printed, not
/// asserted; the int8 runs must still match the evaluator bit for bit.
/// </summary>
public class CnnFigures(ITestOutputHelper output)
{
    private static string ConvPart(QdqNet n)
    {
        var cnn = ExampleModels.Get("cnn");
        var x = n.Input("image", 1, 1, 28, 28);
        foreach (var layer in new[] { "conv1", "conv2" })
        {
            x = n.Conv(x, layer, cnn.Initializers[layer + ".weight"], cnn.Initializers[layer + ".bias"], activation: "Relu");
            x = n.MaxPool(x, layer + "_pool", new[] { 2, 2 }, new[] { 2, 2 });
        }
        return x;
    }

    [Fact]
    public void Int8_conv_part_of_the_example_cnn_against_float()
    {
        var fp = QdqNet.BuildFloat("cnn_conv", 1, ConvPart);
        var core = QdqTestKit.Int8Core(QdqTestKit.Lower(QdqNet.Build("cnn_conv", 1, ConvPart, QdqTestKit.FloatInputs(fp, 8, 11))));
        Assert.Equal(new[] { "QConv", "+MaxPool", "QConv", "+MaxPool" }, QdqTestKit.OpTypes(core));
        var floatGraph = fp.Clone();
        PassPipeline.Standard(new PipelineOptions()).Run(floatGraph);
        var int8Cases = QdqTestKit.Int8Inputs(core, 3, 5);
        var floatCases = QdqTestKit.FloatInputs(floatGraph, 3, 5);
        foreach (var target in new[] { "cortex-m4", "cortex-m0" })
        {
            // Per-layer costs need a second build: on cortex-m4 only.
            var options = new RunOptions { PerLayer = target == "cortex-m4" };
            var q = TargetRunner.Run(CCodeGenerator.Generate(core, new CodeGenOptions { Target = TargetProfile.ForTarget(target) }), target, null, int8Cases, options);
            for (int k = 0; k < int8Cases.Count; k++)
                foreach (var (name, t) in Evaluator.Run(core, int8Cases[k])) Assert.Equal(t.Int8s, q.Outputs[k][name].Int8s);
            var f = TargetRunner.Run(CCodeGenerator.Generate(floatGraph, new CodeGenOptions { Target = TargetProfile.ForTarget(target) }), target, null, floatCases, new RunOptions());
            var layers = q.Layers is { } l ? $" (conv1 {l[0].Instructions:N0}, conv2 {l[1].Instructions:N0})" : "";
            output.WriteLine($"{target}: conv part int8 {q.InstructionsPerInference:N0} instructions{layers}, float {f.InstructionsPerInference:N0}: " +
                             $"int8/float {(double)q.InstructionsPerInference! / f.InstructionsPerInference!:F3}; " +
                             $"flash int8 {q.FlashBytes:N0} B, float {f.FlashBytes:N0} B; stack int8 {q.StackBytes} B, float {f.StackBytes} B");
        }
    }
}
