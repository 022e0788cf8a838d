namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>
/// Conv: filters (W axis 0) and bias make the output channels; W axis 1 consumes the input
/// channels. A depthwise conv (one filter per channel) passes its channels through, so its
/// input, filters and output prune together. Other grouped convs are not pruned.
/// </summary>
public sealed class ConvRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "Conv" };

    public void Describe(NodeCouplings c)
    {
        var n = c.Node;
        string x = n.Inputs[0], w = n.Inputs[1], y = n.Outputs[0];
        long groups = n.GetInt("group", 1);
        int inChannels = c.Shape(x)[1], outChannels = c.Shape(y)[1];
        c.Link(x, 0, y, 0);
        c.Link(w, 0, y, 1); c.Role(w, 0, MemberRole.Producer);
        if (n.HasInput(2)) { c.Link(n.Inputs[2], 0, y, 1); c.Role(n.Inputs[2], 0, MemberRole.Producer); }
        if (groups == 1)
        {
            c.Link(x, 1, w, 1); c.Role(w, 1, MemberRole.Consumer);
        }
        else if (groups == inChannels && groups == outChannels)
        {
            c.Link(x, 1, y, 1);
        }
        else
        {
            c.Block(x, 1, $"grouped convolution '{n.Name}' ({groups} groups)");
            c.Block(y, 1, $"grouped convolution '{n.Name}' ({groups} groups)");
        }
    }
}
