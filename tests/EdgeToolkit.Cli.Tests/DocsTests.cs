using EdgeToolkit.Cli.Commands;
using EdgeToolkit.CodeGen.Emitters;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.Cli.Tests;

public class DocsTests
{
    [Fact]
    public void Operator_list_is_current()
    {
        var ev = OperatorRegistry.SupportedOps.ToHashSet();
        var c = EmitterRegistry.SupportedOps.ToHashSet();
        var expected = OperatorsCommand.Markdown(ev.Union(c).Order(StringComparer.Ordinal).ToList(), ev, c);
        var doc = Path.Combine(Targets.RepoPaths.Root, "docs", "operators.md");
        Assert.True(File.Exists(doc) && File.ReadAllText(doc) == expected,
            "docs/operators.md is stale: regenerate it with ./edgetk operators --write docs/operators.md");
        // Every op the issue names is in both columns.
        foreach (var op in "Gemm MatMul Add Sub Mul Div Max Min Relu LeakyRelu Tanh Sigmoid HardSigmoid Clip Erf Exp Log Pow Sqrt Neg Softmax LayerNormalization Conv MaxPool AveragePool GlobalAveragePool BatchNormalization Flatten Reshape Transpose Concat Split Slice Squeeze Unsqueeze Gather Pad Identity ReduceMean ReduceMax Cast".Split(' '))
        {
            Assert.Contains(op, ev);
            Assert.Contains(op, c);
        }
        Assert.Contains("Shape", ev);
    }
}
