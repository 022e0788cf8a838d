using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>ConvTranspose kernels against the reference evaluator, weights constant or given at run time.</summary>
public class ConvTransposeTests
{
    private static void Check(int[] input, int[] weight, bool bias, bool runtimeWeights, params NodeAttribute[] attrs)
    {
        var b = new GraphBuilder("convt");
        var x = b.Input("x", DataType.Float32, input.Select(d => (long)d).ToArray());
        var wValue = KernelCheck.Random(weight, 2, 0.5f);
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(input, 1) };
        string w;
        if (runtimeWeights) { w = b.Input("w", DataType.Float32, weight.Select(d => (long)d).ToArray()); inputs["w"] = wValue; }
        else w = b.Constant("w", wValue);
        int group = (int)(attrs.FirstOrDefault(a => a.Name == "group")?.I ?? 1);
        var ins = bias ? new[] { x, w, b.Constant("b", KernelCheck.Random(new[] { weight[1] * group }, 3, 0.3f)) } : new[] { x, w };
        var y = b.OpNamed("ct", "ConvTranspose", ins, attrs);
        b.Output(b.OpNamed("relu", "Relu", new[] { y }));
        KernelCheck.AssertMatchesReference(b.Graph, inputs, g => KernelCheck.Fuse(g, "ct", "relu"));
    }

    private static NodeAttribute Ints(string name, params long[] v) => NodeAttribute.Of(name, v);

    [Fact] public void Plain_2d() => Check(new[] { 1, 2, 4, 5 }, new[] { 2, 3, 3, 3 }, true, false);

    [Fact]
    public void Strides_pads_dilations_output_padding_groups() =>
        Check(new[] { 2, 4, 5, 4 }, new[] { 4, 3, 3, 2 }, true, true, Ints("strides", 2, 3), Ints("pads", 1, 0, 2, 1),
            Ints("dilations", 2, 1), Ints("output_padding", 1, 0), NodeAttribute.Of("group", 2L));

    [Fact] public void Same_upper_1d() => Check(new[] { 1, 3, 7 }, new[] { 3, 2, 4 }, false, false, Ints("strides", 2), NodeAttribute.Of("auto_pad", "SAME_UPPER"));

    [Fact] public void Output_shape_2d() => Check(new[] { 1, 1, 3, 3 }, new[] { 1, 2, 3, 3 }, false, true, Ints("strides", 3, 2), Ints("output_shape", 10, 8));
}
