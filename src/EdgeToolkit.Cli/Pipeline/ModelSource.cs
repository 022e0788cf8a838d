using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;
using EdgeToolkit.Tflite;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// What a PATH argument names (cli-conventions.md): an .onnx file, a TensorFlow Lite .tflite file
/// (imported to ONNX semantics; ONNX Runtime runs the exported graph as the reference), an ONNX
/// backend test-case folder (model.onnx + test_data_set_*: its reference data is used), a model
/// folder of the zoo (model.onnx + card.md), or a built-in example ("builtin:cnn").
/// </summary>
public sealed class ModelSource
{
    public required string Display { get; init; }
    /// <summary>The ONNX bytes ONNX Runtime runs as the reference.</summary>
    public required byte[] OnnxBytes { get; init; }
    public required ModelGraph Graph { get; init; }
    /// <summary>Reference cases from a test-case folder: inputs and expected outputs by name.</summary>
    public IReadOnlyList<(Dictionary<string, Tensor> Inputs, Dictionary<string, Tensor> Outputs)> ReferenceCases { get; init; } =
        Array.Empty<(Dictionary<string, Tensor>, Dictionary<string, Tensor>)>();
    /// <summary>The model card of a zoo folder, when there is one.</summary>
    public string? CardPath { get; init; }

    public static ModelSource Load(string path)
    {
        if (path.StartsWith("builtin:"))
        {
            var g = ExampleModels.Get(path["builtin:".Length..]);
            return new ModelSource { Display = path, Graph = g, OnnxBytes = OnnxExporter.ToBytes(g) };
        }
        if (Directory.Exists(path))
        {
            var model = Path.Combine(path, "model.onnx");
            if (!File.Exists(model))
                throw new EdgeToolkitException(ErrorKind.BadInput, "folder has no model.onnx", file: path,
                    hint: "give an .onnx file, an ONNX test-case folder (model.onnx + test_data_set_*) or a model folder of the zoo");
            var card = Path.Combine(path, "card.md");
            if (Directory.EnumerateDirectories(path, "test_data_set_*").Any())
            {
                var tc = OnnxTestCase.Load(path);
                return new ModelSource
                {
                    Display = path, OnnxBytes = File.ReadAllBytes(model), Graph = OnnxImporter.Load(model),
                    ReferenceCases = tc.DataSets.Select(d => (new Dictionary<string, Tensor>(d.Inputs), new Dictionary<string, Tensor>(d.ExpectedOutputs))).ToList(),
                };
            }
            return new ModelSource { Display = path, OnnxBytes = File.ReadAllBytes(model), Graph = OnnxImporter.Load(model), CardPath = File.Exists(card) ? card : null };
        }
        if (!File.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, "no such file or folder", file: path,
                hint: "give the path of an .onnx or .tflite file, or builtin:cnn / builtin:mlp-tanh / builtin:mlp-relu");
        if (path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
        {
            var g = TfliteImporter.Load(path);
            return new ModelSource { Display = path, Graph = g, OnnxBytes = OnnxExporter.ToBytes(g) };
        }
        return new ModelSource { Display = path, OnnxBytes = File.ReadAllBytes(path), Graph = OnnxImporter.Load(path) };
    }

    /// <summary>
    /// The model with --const inputs fixed and --shape dims pinned, folded (Ifs on the constants
    /// inlined) but not fused: for commands that write a new ONNX model (quantize), whose output
    /// then needs neither option. ONNX Runtime runs the folded graph as the reference.
    /// </summary>
    public ModelSource Specialized(ModelOptions options)
    {
        if (options.Shapes.Count == 0 && options.Consts.Count == 0) return this;
        var (g, _) = GraphOptimizer.Optimize(Graph, options with { Fuse = false });
        return new ModelSource { Display = Display, Graph = g, OnnxBytes = OnnxExporter.ToBytes(g), CardPath = CardPath };
    }
}
