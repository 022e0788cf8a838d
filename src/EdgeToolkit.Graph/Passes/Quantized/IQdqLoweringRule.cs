namespace EdgeToolkit.Graph.Passes.Quantized;

/// <summary>
/// One QDQ pattern turned into the toolkit's integer ops (Ops/Quantized/README.md), e.g.
/// DQ -> Gemm (-> Relu) -> Q becomes QGemm. One rule per file; found by reflection (every public
/// non-abstract implementation with a parameterless constructor). A rule leaves the graph as it
/// was when the pattern does not match exactly (wrong types, per-channel activations, a value
/// read by others): the node then stays a float island between its DQ and Q.
/// </summary>
public interface IQdqLoweringRule
{
    /// <summary>The float op types this rule anchors on (e.g. "Gemm", "MatMul").</summary>
    IReadOnlyList<string> AnchorOps { get; }

    /// <summary>Rewrites the pattern around `node` through the graph view; returns a line for the pass log when it did, else null.</summary>
    string? TryLower(QdqGraph graph, Node node);
}
