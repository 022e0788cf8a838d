using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Groups;

/// <summary>One axis the group spans, with the indices each unit owns along it.</summary>
public sealed record GroupMember(DimRef Dim, bool IsWeight, MemberRole Role, int[][] UnitIndices)
{
    public int IndexCount => UnitIndices.Sum(u => u.Length);
}

/// <summary>
/// Channels that must be pruned together: every weight axis and activation axis they run
/// through, found from the graph (a layer's outputs and the next layer's inputs; everything
/// joined through Add, Mul, Concat, normalisation, depthwise convs, residual streams, caches).
/// A unit is the smallest piece that can go: one channel, or one attention head.
/// </summary>
public sealed class ChannelGroup
{
    public required int Id { get; init; }
    /// <summary>For people: the producing layers ("fc1", "layer0.fc1", "tok_embed + 9 more").</summary>
    public required string Name { get; init; }
    /// <summary>"channels", "heads" (units of several channels) ...</summary>
    public required string Kind { get; init; }
    public required int Units { get; init; }
    /// <summary>Channels per unit on the producing axis (1, or a head's size).</summary>
    public required int UnitSize { get; init; }
    public required IReadOnlyList<GroupMember> Members { get; init; }
    /// <summary>Producing nodes' output axes (for activation and Taylor statistics).</summary>
    public required IReadOnlyList<GroupMember> Probes { get; init; }
    /// <summary>Nodes whose weights the group prunes, in graph order.</summary>
    public required IReadOnlyList<string> Layers { get; init; }
    /// <summary>Null when the group can be pruned; else why not (it reaches a graph output, a Softmax axis...).</summary>
    public string? BlockedReason { get; init; }
    public bool Prunable => BlockedReason == null && Units > 1;

    public IEnumerable<GroupMember> Weights => Members.Where(m => m.IsWeight);

    /// <summary>Parameters one unit of this group carries across all its weights (with the other groups at full width).</summary>
    public long ParametersPerUnit(ModelGraph graph) =>
        Weights.Sum(m =>
        {
            var shape = graph.Initializers[m.Dim.Value].Shape;
            long others = shape.Where((_, a) => a != m.Dim.Axis).Aggregate(1L, (p, d) => p * d);
            return others * m.UnitIndices[0].Length;
        });

    public override string ToString() => $"group {Id} '{Name}': {Units} {Kind}" + (BlockedReason != null ? $" (not prunable: {BlockedReason})" : "");
}
