namespace EdgeToolkit.Onnx;

/// <summary>Which ONNX versions the toolkit reads and writes, and how they relate.</summary>
public static class OnnxVersions
{
    /// <summary>
    /// Opsets 1-6 are read too: the operators implement their older forms (broadcast=1 with axis,
    /// is_test, attribute arguments) or refuse them by name; the backend cases check it.
    /// </summary>
    public const int MinOpset = 1;
    public const int MaxOpset = 21;

    /// <summary>True for the default operator domain, which ONNX spells "" or "ai.onnx".</summary>
    public static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";

    /// <summary>
    /// The IR version of the ONNX release that introduced an opset (ONNX versioning table):
    /// a file written for that opset is then readable by every runtime that knows the opset.
    /// </summary>
    public static long IrVersionFor(int opset) => opset switch
    {
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };
}
