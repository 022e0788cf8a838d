using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Quantization.Tests.Conv;

/// <summary>
/// The generated C of every integer kernel path (KernelZoo) against the C# evaluator, bit for bit,
/// on every target: the DSP variants run on cortex-m4/m7/m33, the portable loops on the others.
/// One build per target, all cases in it.
/// </summary>
public class TargetBitExactnessTests
{
    private static readonly Lazy<(ModelGraph Graph, List<Dictionary<string, Tensor>> Cases)> Zoo = new(() =>
    {
        var g = KernelZoo.Build();
        return (g, QdqTestKit.Int8Inputs(g, 6, 23));
    });

    [Theory]
    [InlineData("host")]
    [InlineData("aarch64")]
    [InlineData("cortex-m0")]
    [InlineData("cortex-m3")]
    [InlineData("cortex-m4")]
    [InlineData("cortex-m7")]
    [InlineData("cortex-m33")]
    public void Generated_c_matches_the_evaluator_bit_for_bit(string target)
    {
        var (g, cases) = Zoo.Value;
        var model = CCodeGenerator.Generate(g, new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
        var result = TargetRunner.Run(model, target, null, cases, new RunOptions { HostTimingPerCase = TimeSpan.FromMilliseconds(1) });
        for (int k = 0; k < cases.Count; k++)
            foreach (var (name, expected) in Evaluator.Run(g, cases[k]))
                Assert.True(expected.Int8s.SequenceEqual(result.Outputs[k][name].Int8s), $"{target}: output '{name}' of case {k} differs from the evaluator");
    }

    [Fact]
    public void The_zoo_covers_every_kernel_path()
    {
        var (g, cases) = Zoo.Value;
        var ops = QdqTestKit.OpTypes(g);
        foreach (var op in new[] { "QConv", "+MaxPool", "QAdd", "QMul", "QGlobalAveragePool", "MaxPool", "Transpose", "Reshape" })
            Assert.Contains(op, ops);
        var convs = g.Nodes.Where(n => n.OpType == "QConv").ToList();
        Assert.Contains(convs, n => n.GetInt("group", 1) > 1 && g.Initializers[n.Inputs[1]].Shape[1] == 1);   // depthwise
        Assert.Contains(convs, n => g.Initializers[n.Inputs[1]].Rank == 3);                                     // 1-D
        Assert.Contains(convs, n => g.Initializers[n.Inputs[1]].Length / g.Initializers[n.Inputs[1]].Shape[0] > 128); // long tap runs
        // Outputs that vary: the comparison is not between constants.
        foreach (var (name, t) in Evaluator.Run(g, cases[0]))
            Assert.True(t.Int8s.Distinct().Count() > 1 || t.Length == 1, $"output '{name}' is constant");
    }
}
