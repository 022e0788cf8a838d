using EdgeToolkit.Graph;
using Google.Protobuf;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Reads an ONNX model into a ModelGraph. Every failure, however malformed the bytes, surfaces as
/// an EdgeToolkitException of kind BadInput naming the file. No shape inference is run here.
/// </summary>
public static class OnnxImporter
{
    public static ModelGraph Load(string path) => Load(FileBytes.Read(path, "ONNX model"), path);

    /// <param name="sourceName">The file name used in errors and stored as the graph's SourcePath.</param>
    public static ModelGraph Load(byte[] bytes, string sourceName)
    {
        try
        {
            return Convert(Parse(bytes, sourceName), sourceName);
        }
        catch (EdgeToolkitException e) { throw OnnxErrors.Locate(e, sourceName); }
        // The last line of defence for hostile files: bytes that parse yet hold nonsense must
        // still give the user a BadInput error naming the file, never a crash.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw OnnxErrors.NotAModel(sourceName, e.Message, e);
        }
    }

    private static ModelProto Parse(byte[] bytes, string source)
    {
        if (bytes.Length == 0) throw OnnxErrors.NotAModel(source, "the file is empty");
        if (RepeatedSingularFields.Find(bytes) is { } repeated)
            throw OnnxErrors.NotAModel(source, $"field {repeated} is written more than once in one message (a writer writes it once; parsing would merge the copies)");
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) when (e.Message.Contains("levels of nesting"))
        {
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the model nests messages more than {ReaderLimits.MaxMessageNesting} levels deep (subgraphs of If/Loop/Scan inside each other about {ReaderLimits.MaxMessageNesting / 3} deep)",
                file: source, hint: "flatten the nested control flow (e.g. fold Ifs on constants) before exporting", inner: e);
        }
        catch (InvalidProtocolBufferException e) { throw OnnxErrors.NotAModel(source, e.Message, e); }
        if (model.IrVersion <= 0) throw OnnxErrors.NotAModel(source, "it declares no IR version");
        if (model.Graph == null) throw OnnxErrors.NotAModel(source, "it contains no graph");
        return model;
    }

    private static ModelGraph Convert(ModelProto model, string source)
    {
        var (opset, extra) = ReadOpsets(model);
        var g = new GraphReader(source, opset, extra).Read(model.Graph, new HashSet<string>());
        ReadMetadata(model, g);
        return g;
    }

    private static (int Opset, Dictionary<string, int> Extra) ReadOpsets(ModelProto model)
    {
        int? opset = null;
        var extra = new Dictionary<string, int>();
        foreach (var id in model.OpsetImport)
        {
            if (OnnxVersions.IsDefaultDomain(id.Domain)) opset = (int)Math.Clamp(id.Version, int.MinValue, int.MaxValue);
            else extra[id.Domain] = (int)Math.Clamp(id.Version, int.MinValue, int.MaxValue);
        }
        if (opset == null)
            throw OnnxErrors.Unsupported("the model imports no opset of the default ONNX domain",
                $"EdgeToolkit compiles models made of standard ONNX operators (opsets {OnnxVersions.MinOpset} to {OnnxVersions.MaxOpset})");
        if (opset < OnnxVersions.MinOpset || opset > OnnxVersions.MaxOpset)
            throw OnnxErrors.Unsupported(
                $"the model uses opset {opset} of the default ONNX domain; EdgeToolkit reads opsets {OnnxVersions.MinOpset} to {OnnxVersions.MaxOpset}",
                "convert it with onnx.version_converter.convert_version(model, 17)");
        return (opset.Value, extra);
    }

    private static void ReadMetadata(ModelProto model, ModelGraph g)
    {
        foreach (var kv in model.MetadataProps) g.Metadata[kv.Key] = kv.Value;
        foreach (var (key, value) in ModelMetadata.StandardFields(model))
            if (value.Length > 0) g.Metadata[key] = value;
    }
}
