using EdgeToolkit.Graph;
using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite;

/// <summary>The wording of the TFLite importer's errors, in one place so every failure reads alike.</summary>
internal static class TfliteErrors
{
    private const string ReexportHint = "re-export it with the TFLite converter (tf.lite.TFLiteConverter) and check the file was copied whole";

    public static EdgeToolkitException NotAModel(string file, string reason) =>
        new(ErrorKind.BadInput, $"the file is not a TensorFlow Lite model: {reason}", file: file,
            hint: "give a .tflite flatbuffer as the TFLite converter writes it, or an .onnx model");

    public static EdgeToolkitException Corrupt(string file, string problem, Exception? inner = null) =>
        new(ErrorKind.BadInput, $"the TFLite flatbuffer is truncated or corrupt: {problem}", file: file, hint: ReexportHint, inner: inner);

    /// <summary>A valid model using something the importer does not map (flagged Unsupported, as the ONNX importer's are).</summary>
    public static EdgeToolkitException Unsupported(string file, string problem, string hint, TfliteOperator? op = null) =>
        new(ErrorKind.BadInput, problem, file: file, node: op != null ? $"operator {op.Index}" : null, op: op?.Code.DisplayName, hint: hint)
        { Unsupported = true };

    /// <summary>A model whose operator breaks the op's own rules (wrong input count, non-constant where TFLite needs a constant).</summary>
    public static EdgeToolkitException Malformed(string file, TfliteOperator op, string problem) =>
        new(ErrorKind.BadInput, problem, file: file, node: $"operator {op.Index}", op: op.Code.DisplayName, hint: ReexportHint);
}
