using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>One test_data_set_N folder: inputs by graph-input name and expected outputs by graph-output name, in graph order.</summary>
public sealed record OnnxTestDataSet(string Directory, Dictionary<string, Tensor> Inputs, Dictionary<string, Tensor> ExpectedOutputs);

/// <summary>
/// An ONNX backend test case folder (model.onnx plus test_data_set_*/input_*.pb, output_*.pb).
/// input_i.pb goes to the i-th runtime graph input whatever name the TensorProto carries
/// (many are unnamed), as the ONNX backend test runner does.
/// </summary>
public sealed partial class OnnxTestCase
{
    public string Directory { get; }
    public string Name => Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar));
    public string ModelPath { get; }
    public IReadOnlyList<OnnxTestDataSet> DataSets { get; }

    private OnnxTestCase(string directory, string modelPath, IReadOnlyList<OnnxTestDataSet> dataSets)
    {
        Directory = directory; ModelPath = modelPath; DataSets = dataSets;
    }

    public static OnnxTestCase Load(string dir)
    {
        var modelPath = Path.Combine(dir, "model.onnx");
        if (!File.Exists(modelPath))
            throw new EdgeToolkitException(ErrorKind.BadInput, "no model.onnx in the test case folder", file: dir,
                hint: "an ONNX test case folder holds model.onnx and test_data_set_*/input_*.pb, output_*.pb");
        var (inputs, outputs) = RuntimeSignature(modelPath);
        var sets = System.IO.Directory.GetDirectories(dir, "test_data_set_*").OrderBy(NumberIn)
            .Select(d => ReadDataSet(d, inputs, outputs)).ToList();
        return new OnnxTestCase(dir, modelPath, sets);
    }

    private static OnnxTestDataSet ReadDataSet(string dir, IReadOnlyList<ValueInfoProto> inputs, IReadOnlyList<ValueInfoProto> outputs) =>
        new(dir, ReadTensors(dir, "input", inputs), ReadTensors(dir, "output", outputs));

    private static Dictionary<string, Tensor> ReadTensors(string dir, string kind, IReadOnlyList<ValueInfoProto> slots)
    {
        var files = System.IO.Directory.GetFiles(dir, kind + "_*.pb").OrderBy(NumberIn).ToList();
        if (files.Count > slots.Count)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{files.Count} {kind} files but the model has {slots.Count} graph {kind}s", file: dir);
        var result = new Dictionary<string, Tensor>();
        for (int i = 0; i < files.Count; i++)
        {
            if (slots[i].Type?.ValueCase != TypeProto.ValueOneofCase.TensorType)
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"graph {kind} '{slots[i].Name}' is a {slots[i].Type?.ValueCase.ToString() ?? "untyped value"}; only tensor test data is supported", file: files[i]);
            result[slots[i].Name] = TensorProtoFile.Read(files[i]).Value;
        }
        return result;
    }

    /// <summary>Runtime inputs (graph inputs that are not initializers) and outputs, read without a full import.</summary>
    private static (List<ValueInfoProto> Inputs, List<ValueInfoProto> Outputs) RuntimeSignature(string modelPath)
    {
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(FileBytes.Read(modelPath, "ONNX model")); }
        catch (InvalidProtocolBufferException e) { throw OnnxErrors.NotAModel(modelPath, e.Message, e); }
        if (model.Graph == null) throw OnnxErrors.NotAModel(modelPath, "it contains no graph");
        var constants = new HashSet<string>(model.Graph.Initializer.Select(t => t.Name));
        return (model.Graph.Input.Where(i => !constants.Contains(i.Name)).ToList(), model.Graph.Output.ToList());
    }

    private static long NumberIn(string path) =>
        TrailingNumber().Match(Path.GetFileNameWithoutExtension(path)) is { Success: true } m && long.TryParse(m.Value, out var n) ? n : long.MaxValue;

    [GeneratedRegex(@"\d+$")]
    private static partial Regex TrailingNumber();
}
