using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using static EdgeToolkit.Passes.Tests.TestSupport;

namespace EdgeToolkit.Passes.Tests;

public class ConstInputsTests
{
    private static ModelGraph ScaledBy()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", DataType.Float32, SymShape.Of(2, 3)));
        g.Inputs.Add(new ValueInfo("scale", DataType.Float32, new SymShape(new[] { Dim.Sym("n") })));
        g.Inputs.Add(new ValueInfo("sr", DataType.Int64, SymShape.Scalar));
        g.Nodes.Add(Node("mul", "Mul", new[] { "x", "scale" }, new[] { "y" }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, SymShape.UnknownRank));
        return g;
    }

    [Fact]
    public void Int64ScalarBecomesInitializerAndLeavesInputs()
    {
        var g = ScaledBy();
        var pass = new ConstInputsPass(new Dictionary<string, string> { ["sr"] = "16000" });
        Assert.True(pass.Run(g));
        Assert.DoesNotContain(g.Inputs, i => i.Name == "sr");
        var sr = g.Initializers["sr"];
        Assert.Equal(DataType.Int64, sr.Type);
        Assert.Empty(sr.Shape);
        Assert.Equal(16000L, sr.Int64s[0]);
        Assert.Single(pass.Changes);
    }

    [Fact]
    public void TensorValueTakesItsLengthFromTheUnknownDim()
    {
        var g = ScaledBy();
        var x = Random(1, 2, 3);
        new ConstInputsPass(new Dictionary<string, string> { ["scale"] = "[0.5, -2, 4]" }).Run(g);
        Assert.Equal(new[] { 3 }, g.Initializers["scale"].Shape);
        var y = Run(g, ("x", x), ("sr", Tensor.Scalar(1L)))["y"];
        for (int i = 0; i < 6; i++) Assert.Equal(x.Floats[i] * new[] { 0.5f, -2f, 4f }[i % 3], y.Floats[i]);
    }

    [Fact]
    public void UnknownInputNameListsTheInputs()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => new ConstInputsPass(new Dictionary<string, string> { ["rate"] = "1" }).Run(ScaledBy()));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("rate", e.Message);
        Assert.Contains("sr", e.Hint);
        Assert.Contains("scale", e.Hint);
    }

    [Theory]
    [InlineData("sr", "16k")]
    [InlineData("sr", "1.5")]
    [InlineData("sr", "1,2")]
    [InlineData("x", "1,2,3")]
    public void UnparsableOrMisshapenValueIsBadInput(string name, string value)
    {
        var g = ScaledBy();
        var e = Assert.Throws<EdgeToolkitException>(() => new ConstInputsPass(new Dictionary<string, string> { [name] = value }).Run(g));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains(name, e.Message);
        Assert.Contains(g.Inputs, i => i.Name == name);
    }

    [Theory]
    [InlineData("true,0,1,False", new[] { true, false, true, false })]
    [InlineData("[1 1 0 0]", new[] { true, true, false, false })]
    public void BoolTensorsAcceptWordsAndDigits(string text, bool[] expected)
    {
        var t = TensorText.Parse(text, new ValueInfo("mask", DataType.Bool, SymShape.Of(2, 2)));
        Assert.Equal(new[] { 2, 2 }, t.Shape);
        Assert.Equal(expected, t.Bools);
    }
}
