namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>
/// Gather: the data's other axes pass to the output (an embedding table's columns are its
/// output channels, produced); the gathered axis is indexed by data values and keeps its size.
/// </summary>
public sealed class GatherRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "Gather" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string data = n.Inputs[0], indices = n.Inputs[1], y = n.Outputs[0];
        int rank = c.Rank(data), indexRank = c.Rank(indices);
        long axis = n.GetInt("axis", 0);
        if (axis < 0) axis += rank;
        for (int a = 0; a < rank; a++)
        {
            if (a == axis) { c.Block(data, a, $"Gather '{n.Name}' indexes it"); continue; }
            c.Link(data, a, y, a < axis ? a : a - 1 + indexRank);
            c.Role(data, a, MemberRole.Producer);
        }
    }
}
