using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Tuning;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Training.Tests.Tuning;

/// <summary>The committed zoo models and damaged copies of them for the fine-tuning tests.</summary>
internal static class ZooModels
{
    public static (ModelGraph Graph, JsonObject Config, string Path) Load(string folder)
    {
        var path = TuningFixtures.ModelPath(folder);
        Assert.True(File.Exists(path), $"{path} is missing: the committed zoo model is needed");
        return (OnnxImporter.Load(path), ModelFolder.ReadConfig(path)!, path);
    }

    /// <summary>
    /// A copy whose trainable weights (GraphModule.ParameterNames: not BatchNormalization's
    /// statistics) are each multiplied by 1 + `relative` · N(0, 1): relative noise, so that weights
    /// on inputs of very different scales (a folded standardisation) are damaged alike.
    /// </summary>
    public static ModelGraph Perturbed(ModelGraph graph, double relative, int seed)
    {
        var copy = graph.Clone();
        var rng = new Random(seed);
        using var module = new GraphModule(graph);
        foreach (var name in module.ParameterNames)
        {
            var t = graph.Initializers[name];
            copy.Initializers[name] = Tensor.FromFloats(t.Shape, t.Floats.Select(v => (float)(v * (1 + relative * Gaussian(rng)))).ToArray());
        }
        return copy;
    }

    /// <summary>A copy with the given initializers (the float ones among them) set to 0.</summary>
    public static ModelGraph Zeroed(ModelGraph graph, IEnumerable<string> initializers)
    {
        var copy = graph.Clone();
        foreach (var name in initializers.Where(n => graph.Initializers[n].Type == DataType.Float32))
            copy.Initializers[name] = Tensor.FromFloats(graph.Initializers[name].Shape, new float[graph.Initializers[name].Length]);
        return copy;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
