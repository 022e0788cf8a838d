using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>The wording of the importer's errors, kept in one place so every failure reads alike.</summary>
internal static class OnnxErrors
{
    public const string ReexportHint = "re-export the model (e.g. torch.onnx.export or onnx.save) and check the file is complete";

    public static EdgeToolkitException NotAModel(string source, string reason, Exception? inner = null) =>
        new(ErrorKind.BadInput, $"the file is not a valid ONNX model: {reason.TrimEnd('.', ' ')}", file: source, hint: ReexportHint, inner: inner);

    /// <summary>A valid model using something the toolkit lacks (flagged so conformance runs count it apart from failures).</summary>
    public static EdgeToolkitException Unsupported(string problem, string hint) =>
        new(ErrorKind.BadInput, problem, hint: hint) { Unsupported = true };

    public static EdgeToolkitException Malformed(string problem) =>
        new(ErrorKind.BadInput, problem, hint: ReexportHint);

    /// <summary>Adds the file (and node) to an error from a lower layer, keeping its Unsupported flag.</summary>
    public static EdgeToolkitException Locate(EdgeToolkitException e, string file, string? node = null, string? op = null) =>
        e.File != null && (node == null || e.NodeName != null) ? e
            : new(e.Kind, e.Problem, e.File ?? file, e.NodeName ?? node, e.Op ?? op, e.Hint, e) { Unsupported = e.Unsupported };
}
