using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Zoo;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Tuning;

/// <summary>The committed zoo models, and moving samples between torch batches and graph tensors.</summary>
internal static class TuningFixtures
{
    public static string ModelPath(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "EdgeToolkit.Training")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                return Path.Combine(dir.FullName, "models", folder, ModelFolder.ModelFile);
        throw new DirectoryNotFoundException($"no repository with src/EdgeToolkit.Training and models/ above {AppContext.BaseDirectory}");
    }

    public static ModelGraph Load(string folder) => OnnxImporter.Load(ModelPath(folder));

    public static JsonObject Config(string folder) => ModelFolder.ReadConfig(ModelPath(folder))
        ?? throw new FileNotFoundException($"models/{folder} has no config.json");

    /// <summary>Sample i of a batch as a graph tensor of the graph's own shape (the batch dim dropped).</summary>
    public static Tensor Sample(torch.Tensor batch, int i)
    {
        using var row = batch[i].contiguous();
        var shape = row.shape.Select(d => (int)d).ToArray();
        return row.dtype switch
        {
            torch.ScalarType.Float32 => Tensor.FromFloats(shape, row.data<float>().ToArray()),
            torch.ScalarType.Int64 => Tensor.FromInt64s(shape, row.data<long>().ToArray()),
            var t => throw new ArgumentException($"no graph tensor for torch {t}"),
        };
    }

    public static Dictionary<string, Tensor> Sample(IReadOnlyDictionary<string, torch.Tensor> batch, int i) =>
        batch.ToDictionary(kv => kv.Key, kv => Sample(kv.Value, i));

    /// <summary>Largest |a - b| over two tensors of the same shape.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a.GetDouble(i) - b.GetDouble(i)));
        return m;
    }

    public static double MaxAbs(Tensor a) => Enumerable.Range(0, a.Length).Max(i => Math.Abs(a.GetDouble(i)));
}
