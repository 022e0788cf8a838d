using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>The wording of the importer's errors, kept in one place so every failure reads alike.</summary>
internal static class OnnxErrors
{
    public const string ReexportHint = "re-export the model (e.g. torch.onnx.export or onnx.save) and check the file is complete";

    public static EdgeToolkitException NotAModel(string source, string reason, Exception? inner = null) =>
        new(ErrorKind.BadInput, $"the file is not a valid ONNX model: {reason}", file: source, hint: ReexportHint, inner: inner);

    public static EdgeToolkitException Unsupported(string problem, string hint) =>
        new(ErrorKind.BadInput, problem, hint: hint);

    public static EdgeToolkitException Malformed(string problem) =>
        new(ErrorKind.BadInput, problem, hint: ReexportHint);
}
