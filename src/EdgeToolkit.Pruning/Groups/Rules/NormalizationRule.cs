namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>
/// BatchNormalization: its four per-channel vectors follow axis 1. LayerNormalization: its scale
/// and bias follow the normalised axes; pruning a normalised axis changes the statistics it
/// normalises over, which fine-tuning absorbs (as Torch-Pruning and LLM-Pruner do).
/// </summary>
public sealed class NormalizationRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "BatchNormalization", "LayerNormalization" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string x = n.Inputs[0], y = n.Outputs[0];
        c.LinkSameAxes(x, y);
        int rank = c.Rank(x);
        if (n.OpType == "BatchNormalization")
        {
            foreach (var p in n.Inputs.Skip(1).Where(p => p.Length > 0)) { c.Link(p, 0, y, 1); c.Role(p, 0, MemberRole.Passive); }
            return;
        }
        long axis = n.GetInt("axis", -1);
        if (axis < 0) axis += rank;
        foreach (var p in n.Inputs.Skip(1).Where(p => p.Length > 0))
        {
            int pr = c.Rank(p);
            for (int i = 0; i < pr; i++) { c.Link(p, i, y, rank - pr + i); c.Role(p, i, MemberRole.Passive); }
        }
    }
}
