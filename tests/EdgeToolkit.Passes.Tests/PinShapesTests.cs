using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;

namespace EdgeToolkit.Passes.Tests;

public class PinShapesTests
{
    private static ModelGraph TwoInputs()
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("audio", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Sym("samples") })));
        g.Inputs.Add(new ValueInfo("state", DataType.Float32, new SymShape(new[] { Dim.Of(2), Dim.Sym("batch"), Dim.Of(128) })));
        return g;
    }

    private static void Pin(ModelGraph g, params (string, string)[] specs) =>
        new PinShapesPass(specs.ToDictionary(s => s.Item1, s => s.Item2)).Run(g);

    [Fact]
    public void InputShapeReplacesSymbolsAndBindsThemElsewhere()
    {
        var g = TwoInputs();
        Pin(g, ("audio", "1x512"));
        Assert.Equal(SymShape.Of(1, 512), g.Inputs[0].Shape);
        // "batch" was bound to 1 through audio, so state follows.
        Assert.Equal(SymShape.Of(2, 1, 128), g.Inputs[1].Shape);
    }

    [Fact]
    public void SymbolMapAppliesToEveryInputDim()
    {
        var g = TwoInputs();
        Pin(g, ("batch", "1"));
        Assert.Equal(new SymShape(new[] { Dim.Of(1), Dim.Sym("samples") }), g.Inputs[0].Shape);
        Assert.Equal(SymShape.Of(2, 1, 128), g.Inputs[1].Shape);
    }

    [Fact]
    public void RankMismatchIsBadInput()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => Pin(TwoInputs(), ("audio", "512")));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("rank", e.Message);
    }

    [Fact]
    public void ConflictWithAKnownDimIsBadInput()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => Pin(TwoInputs(), ("state", "2x1x64")));
        Assert.Contains("128", e.Message);
    }

    [Fact]
    public void ConflictingSymbolBindingsAreBadInput()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => Pin(TwoInputs(), ("audio", "1x512"), ("state", "2x4x128")));
        Assert.Contains("batch", e.Message);
    }

    [Fact]
    public void UnknownNameListsInputsAndSymbols()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => Pin(TwoInputs(), ("frames", "3")));
        Assert.Contains("audio", e.Hint);
        Assert.Contains("samples", e.Hint);
    }

    [Fact]
    public void DeclaredInfosAndOutputsFollowTheBoundSymbols()
    {
        var g = TwoInputs();
        g.ValueInfos["h"] = new ValueInfo("h", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(64) }));
        g.Outputs.Add(new ValueInfo("y", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Sym("other") })));
        Pin(g, ("audio", "3x100"));
        Assert.Equal(SymShape.Of(3, 64), g.ValueInfos["h"].Shape);
        Assert.Equal(new SymShape(new[] { Dim.Of(3), Dim.Sym("other") }), g.Outputs[0].Shape);
    }
}
