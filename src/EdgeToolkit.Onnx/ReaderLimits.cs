namespace EdgeToolkit.Onnx;

/// <summary>
/// Bounds the reader puts on what a file may claim, so that a hostile file fails with a clear
/// error before it can cost much time or memory. Real models stay far inside them.
/// </summary>
internal static class ReaderLimits
{
    /// <summary>Ranks beyond this are no real tensor; numpy itself stops at 64.</summary>
    public const int MaxRank = 64;

    /// <summary>ONNX operators take a few dozen attributes at most; thousands mean a damaged or hostile file.</summary>
    public const int MaxAttributesPerNode = 1000;

    /// <summary>Dims beyond this cannot be indexed by the toolkit's tensors (nor held in a microcontroller's memory).</summary>
    public const long MaxDim = int.MaxValue;

    /// <summary>
    /// Protobuf's own bound on nested messages (Google.Protobuf's default recursion limit, which
    /// the importer relies on rather than sets): a
    /// subgraph costs three levels (graph, node, attribute), so If/Loop bodies nest about 30 deep.
    /// </summary>
    public const int MaxMessageNesting = 100;
}
