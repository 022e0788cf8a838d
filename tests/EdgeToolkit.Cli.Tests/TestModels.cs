using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Tests;

/// <summary>Small ONNX files written for the tests, each with one property under test.</summary>
public static class TestModels
{
    public static string Save(ModelGraph g, string dir, string file)
    {
        var path = Path.Combine(dir, file);
        OnnxExporter.Save(g, path);
        return path;
    }

    /// <summary>A model with an operator nobody supports, named so the error can be checked.</summary>
    public static ModelGraph Unsupported()
    {
        var b = new GraphBuilder("unsupported");
        var x = b.Input("x", DataType.Float32, 1, 4);
        var y = b.OpNamed("weird_node", "Relu", new[] { x });
        var z = b.OpNamed("mystery", "DeformConv", new[] { y });
        b.Output(b.Rename(z, "y"));
        return b.Graph;
    }

    /// <summary>An MLP whose batch dim is symbolic: it needs --shape.</summary>
    public static ModelGraph Symbolic()
    {
        var g = ExampleModels.Get("mlp-relu");
        g.Inputs[0] = new ValueInfo("x", DataType.Float32, new SymShape(new[] { Dim.Sym("batch"), Dim.Of(16) }));
        return g;
    }

    /// <summary>One Gemm with 96k float weights (384 KB): more than the microbit's 256 KB of flash.</summary>
    public static ModelGraph TooLargeForMicrobit() => ExampleModels.Mlp("big", new[] { 384, 256, 1 }, "Relu", 3);
}
