using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Converters;
using EdgeToolkit.Tflite.Import;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite;

/// <summary>
/// Reads a TensorFlow Lite model (.tflite) into the same ModelGraph the ONNX importer makes:
/// ONNX-semantics ops (opset 13), channels-first inside (TensorLayout), and each int8/uint8
/// tensor's quantization as QuantizeLinear/DequantizeLinear around float ops (QDQ), which the
/// QDQ lowering turns into integer kernels. Every failure is an EdgeToolkitException naming the
/// file (and the operator), never a crash.
/// </summary>
public static class TfliteImporter
{
    /// <summary>Opset of the graphs it writes: per-channel QDQ needs 13; ReduceMean still takes axes as an attribute there.</summary>
    public const int Opset = 13;

    public static ModelGraph Load(string path) => Load(ReadFile(path), path);

    /// <param name="file">The name used in errors and stored as the graph's SourcePath.</param>
    public static ModelGraph Load(byte[] bytes, string file)
    {
        var model = TfliteReader.Read(bytes, file);
        var subgraph = ModelChecks.SingleSubgraph(model, file);
        var graph = new ModelGraph { Name = string.IsNullOrEmpty(subgraph.Name) ? "model" : subgraph.Name, SourcePath = file, Opset = Opset };
        var values = new ImportContext(graph, subgraph, model.Buffers, file);
        ModelChecks.Tensors(subgraph, values, file);

        foreach (var i in subgraph.Inputs)
        {
            var t = values.TensorAt(i);
            if (values.Constant(i) != null) continue;   // a "graph input" with data is a constant in all but name
            graph.Inputs.Add(new ValueInfo(values.NameOf(i), ImportContext.TypeOf(t), SymShape.FromConcrete(t.Shape)));
            values.DeclareGraphInput(i);
        }
        foreach (var op in subgraph.Operators) Convert(op, values, file);
        foreach (var o in subgraph.Outputs)
        {
            var t = values.TensorAt(o);
            var name = values.Stored(o, TensorLayout.AsDeclared, reader: null);
            graph.Outputs.Add(new ValueInfo(name, ImportContext.TypeOf(t), SymShape.FromConcrete(t.Shape)));
        }
        graph.Metadata["source_format"] = "tflite";
        if (!string.IsNullOrEmpty(model.Description)) graph.Metadata["description"] = model.Description;
        return graph;
    }

    private static void Convert(TfliteOperator op, ImportContext values, string file)
    {
        var converter = OpConverters.For(op.Code.Builtin) ?? throw NotMapped(op, file);
        values.BeginOperator(op);
        try { converter.Convert(new OperatorContext(values, op)); }
        catch (EdgeToolkitException) { throw; }
        // Odd values in a well-formed flatbuffer (a shape that does not fit its op) must still end as an error naming the operator.
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            throw TfliteErrors.Malformed(file, op, e.Message);
        }
    }

    private static EdgeToolkitException NotMapped(TfliteOperator op, string file)
    {
        var supported = string.Join(", ", OpConverters.Supported);
        return op.Code.Builtin == BuiltinOperator.CUSTOM
            ? TfliteErrors.Unsupported(file, $"custom operator '{op.Code.CustomCode}' has no standard definition to compile",
                "convert the model with builtin ops only, or cut the model before this op and run it yourself", op)
            : TfliteErrors.Unsupported(file, $"TFLite op {op.Code.DisplayName} is not mapped by the importer",
                $"the importer maps {supported}; replace the op, or export the model to ONNX", op);
    }

    private static byte[] ReadFile(string path)
    {
        if (Directory.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, "expected a .tflite file but this is a folder", file: path, hint: "pass the model file itself");
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, "TFLite model not found", file: path, hint: "check the path", inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot read the TFLite model: {e.Message}", file: path, inner: e);
        }
    }
}
