namespace EdgeToolkit.Pruning.Groups.Rules;

/// <summary>Pooling works per channel: batch and channel axes pass through.</summary>
public sealed class PoolRule : ICouplingRule
{
    public IReadOnlyCollection<string> OpTypes { get; } = new[] { "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool" };

    public void Describe(NodeCouplings c)
    {
        c.Link(c.Node.Inputs[0], 0, c.Node.Outputs[0], 0);
        c.Link(c.Node.Inputs[0], 1, c.Node.Outputs[0], 1);
    }
}
