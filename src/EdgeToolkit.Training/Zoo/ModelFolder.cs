using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Training.Zoo;

/// <summary>
/// Writes a zoo model folder: model.onnx, card.md, config.json (the training configuration plus
/// whatever running the model needs: scaling, tokenizer, decoder signature). The folder is
/// written beside the target and moved into place at the end, so a failed run leaves no
/// half-written model behind.
/// </summary>
public static class ModelFolder
{
    public const string ModelFile = "model.onnx", CardFile = "card.md", ConfigFile = "config.json";

    public static (string ModelPath, string CardPath, ModelSize Size) Write(string dir, ModelGraph graph, ModelCard card, JsonObject config)
    {
        var full = Path.GetFullPath(dir);
        var staging = full.TrimEnd('/') + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var onnx = OnnxExporter.ToBytes(graph);
            File.WriteAllBytes(Path.Combine(staging, ModelFile), onnx);
            var size = Measure(graph, onnx.LongLength);
            File.WriteAllText(Path.Combine(staging, CardFile), card.ToMarkdown(size));
            File.WriteAllText(Path.Combine(staging, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            if (Directory.Exists(full))
            {
                // Replace only our own files; anything else the user keeps there stays.
                foreach (var f in new[] { ModelFile, CardFile, ConfigFile })
                    File.Move(Path.Combine(staging, f), Path.Combine(full, f), overwrite: true);
                Directory.Delete(staging, recursive: true);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                Directory.Move(staging, full);
            }
            return (Path.Combine(full, ModelFile), Path.Combine(full, CardFile), size);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Parameters and weight bytes from the initializers; MACs and arena from the generated C.</summary>
    public static ModelSize Measure(ModelGraph graph, long onnxBytes)
    {
        long parameters = graph.Initializers.Values.Where(t => t.Type == DataType.Float32 && t.Length > 1).Sum(t => (long)t.Length);
        long? macs = null, arena = null;
        try
        {
            var g = graph.Clone();
            PassPipeline.Standard(new PipelineOptions()).Run(g);
            var code = CCodeGenerator.Generate(g, new CodeGenOptions { Name = "card" });
            macs = code.Macs; arena = code.ArenaBytes;
        }
        catch (EdgeToolkitException) { }
        return new ModelSize(parameters, parameters * 4, macs, arena, onnxBytes);
    }

    public static JsonObject? ReadConfig(string modelPath)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, ConfigFile);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
    }
}
