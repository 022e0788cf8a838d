namespace EdgeToolkit.Profiling;

/// <summary>
/// One emitted kernel (or, for ONNX Runtime, one ORT node): the graph nodes it fused, its op (the
/// first node's), MACs, and its cost per inference; null where a figure does not apply.
/// </summary>
public sealed record LayerProfile(int Index, IReadOnlyList<string> Nodes, string Op, long? Macs, long? Instructions, double? Ns);
